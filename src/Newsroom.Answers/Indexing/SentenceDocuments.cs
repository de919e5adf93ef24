using Lucene.Net.Documents;
using Newsroom.Answers.Corpus;

namespace Newsroom.Answers.Indexing;

/// <summary>Turns an article into its sentence documents.</summary>
internal static class SentenceDocuments
{
    /// <summary>One document per sentence, in reading order, with the terms <paramref name="analyzer"/> (the index's) makes of it.</summary>
    public static IReadOnlyList<Document> Build(Article article, SentenceSplitter splitter, Lucene.Net.Analysis.Analyzer analyzer) => Build(article, splitter, analyzer, article.Key);

    /// <summary>One document per sentence, in reading order, marked as coming from the corpus file <paramref name="fileKey"/>.</summary>
    public static IReadOnlyList<Document> Build(Article article, SentenceSplitter splitter, Lucene.Net.Analysis.Analyzer analyzer, string fileKey) =>
        Build(article, splitter, analyzer, fileKey, encoder: null);

    /// <summary>
    /// One document per sentence, in reading order, marked as coming from the corpus file
    /// <paramref name="fileKey"/>, each with its meaning vector when there is an <paramref name="encoder"/>
    /// (the index's: see <see cref="ArticleIndex.Encoder"/>).
    /// </summary>
    public static IReadOnlyList<Document> Build(Article article, SentenceSplitter splitter, Lucene.Net.Analysis.Analyzer analyzer, string fileKey, ISentenceEncoder? encoder)
    {
        var texts = encoder is null ? null : new List<string>();
        var documents = new List<Document>();
        var tokens = new ArticleTokens(analyzer);
        // Fields with the same value on every sentence are one instance shared by all: IndexWriter
        // takes the block's documents one after another, and an untokenised field's token stream
        // (made by reflection in Lucene.Net) is then made once per article instead of once per sentence.
        var articleField = new StringField(SentenceFields.Article, article.Key, Field.Store.NO);
        var fileField = article.Key == fileKey ? null : new StringField(SentenceFields.File, fileKey, Field.Store.NO);
        var sourceKeyField = article.Source is null ? null : new StringField(SentenceFields.SourceKey, SentenceFields.SourceKeyOf(article.Source), Field.Store.NO);
        var publishedField = article.Published is { } date ? new Int64Field(SentenceFields.Published, date.UtcTicks, SentenceFields.PublishedIndexedType) : null;
        foreach (var paragraph in article.Paragraphs)
        {
            var sentences = splitter.Split(paragraph.Text);
            var cursor = 0;
            for (var i = 0; i < sentences.Count; i++)
            {
                var offset = OffsetOf(paragraph.Text, sentences[i], cursor);
                cursor = offset + 1;
                var lead = documents.Count == 0;
                var document = new Document
                {
                    lead ? new StringField(SentenceFields.Article, article.Key, Field.Store.YES) : articleField,
                    tokens.Sentence(sentences[i], i, sentences.Count),
                    new StoredField(SentenceFields.Paragraph, paragraph.Number),
                    new StoredField(SentenceFields.Sentence, i + 1),
                    new StoredField(SentenceFields.Offset, offset),
                };
                texts?.Add(sentences[i]);
                if (fileField is not null)
                {
                    document.Add(fileField);
                }

                if (lead)
                {
                    document.Add(new StringField(SentenceFields.Lead, "1", Field.Store.NO));

                    // What is the same for the whole article is stored once, on its lead sentence (see
                    // StoredSentences), and searchable there only (archive questions): nothing ranks
                    // sentences by it, and analysing it again for each sentence would slow indexing.
                    document.Add(new TextField(SentenceFields.Title, article.Title, Field.Store.YES));
                    if (article.Author is not null)
                    {
                        document.Add(new TextField(SentenceFields.Author, article.Author, Field.Store.YES));
                    }

                    if (article.Source is not null)
                    {
                        document.Add(new TextField(SentenceFields.Source, article.Source, Field.Store.YES));
                    }

                    if (article.Published is { } published)
                    {
                        document.Add(new Int64Field(SentenceFields.Published, published.UtcTicks, SentenceFields.PublishedType));
                    }

                    if (article.Url is not null)
                    {
                        document.Add(new StoredField(SentenceFields.Url, article.Url));
                    }
                }
                else if (publishedField is not null)
                {
                    document.Add(publishedField); // every sentence is in date ranges
                }

                if (sourceKeyField is not null)
                {
                    document.Add(sourceKeyField); // every sentence is in a source's reporting
                }

                if (paragraph.Kind == ParagraphKind.Caption)
                {
                    document.Add(new StoredField(SentenceFields.Kind, "caption"));
                    if (paragraph.Credit is not null)
                    {
                        document.Add(new StoredField(SentenceFields.Credit, paragraph.Credit));
                    }
                }

                documents.Add(document);
            }
        }

        if (documents.Count > 0)
        {
            // What ranking reads of a candidate, its neighbours and its headline (QuestionAnswerer):
            // column-stride doc values on the last sentence (written from the terms the index writer
            // made of the sentences before it: see ArticleTokens).
            documents[^1].Add(tokens.Entry(article.Title));
        }

        if (encoder is not null && texts!.Count > 0)
        {
            // All of an article's sentences in one call: the model runs batches far faster than one at a time.
            var vectors = encoder.Encode(texts);
            for (var i = 0; i < documents.Count; i++)
            {
                documents[i].Add(new BinaryDocValuesField(SentenceFields.Meaning, new Lucene.Net.Util.BytesRef(SentenceMeaning.ToBytes(vectors[i]))));
            }
        }

        return documents;
    }

    /// <summary>
    /// Where <paramref name="sentence"/> starts in <paramref name="paragraph"/>, searching from
    /// <paramref name="cursor"/> (sentences come in order). The splitter trims and may rejoin pieces
    /// with one space; paragraphs are whitespace-normalised, so the sentence is found verbatim, and
    /// if it ever is not, its first word still is.
    /// </summary>
    private static int OffsetOf(string paragraph, string sentence, int cursor)
    {
        cursor = Math.Min(cursor, paragraph.Length);
        var at = paragraph.IndexOf(sentence, cursor, StringComparison.Ordinal);
        if (at < 0)
        {
            var firstWord = sentence.Split(' ', 2)[0];
            at = paragraph.IndexOf(firstWord, cursor, StringComparison.Ordinal);
        }

        return at < 0 ? cursor : at;
    }
}
