using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using System.Text;

namespace Newsroom.Answers.Tests;

/// <summary>
/// No sentence is longer than <see cref="SentenceSplitter.MaxSentenceChars"/>: a text without full
/// stops is cut into pieces at spaces, so no citation, and no reply, is huge.
/// </summary>
public sealed class SentenceLengthTests
{
    private readonly SentenceSplitter _splitter = new();

    [Fact]
    public void A_megabyte_without_a_full_stop_is_cut_at_spaces_into_bounded_sentences_that_keep_every_word()
    {
        var words = Enumerable.Range(0, 150_000).Select(i => "word" + i).ToList();
        var paragraph = string.Join(' ', words);

        var sentences = _splitter.Split(paragraph);

        Assert.All(sentences.SkipLast(1), s => Assert.InRange(s.Length, SentenceSplitter.MaxSentenceChars / 2, SentenceSplitter.MaxSentenceChars));
        Assert.InRange(sentences[^1].Length, 1, SentenceSplitter.MaxSentenceChars);
        Assert.Equal(words, sentences.SelectMany(s => s.Split(' ')));
    }

    [Fact]
    public void A_run_without_spaces_is_cut_at_the_limit_and_never_inside_a_surrogate_pair()
    {
        var run = string.Concat(Enumerable.Repeat("a😀", 5_000));

        var sentences = _splitter.Split(run);

        Assert.All(sentences, s =>
        {
            Assert.InRange(s.Length, 1, SentenceSplitter.MaxSentenceChars);
            Assert.False(char.IsHighSurrogate(s[^1]));
            Assert.False(char.IsLowSurrogate(s[0]));
        });
        Assert.Equal(run, string.Concat(sentences));
    }

    [Fact]
    public void Asking_about_a_huge_text_without_full_stops_returns_a_bounded_reply()
    {
        using var corpus = new TestCorpus();
        var text = new StringBuilder("Harbour report\n\n");
        for (var i = 0; i < 200_000; i++)
        {
            text.Append(i == 100_000 ? "zanzibarharbour " : "the harbour cranes moved containers ");
        }

        corpus.Write("huge.txt", text.ToString());
        corpus.Sync();

        var answer = corpus.Answerer().Ask("What about zanzibarharbour?");

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.All(answer.Citations, c => Assert.True(c.Text.Length <= SentenceSplitter.MaxSentenceChars, $"a citation of {c.Text.Length:N0} characters"));
    }

    [Fact]
    public void The_paragraph_around_a_quote_from_a_huge_text_is_bounded_too()
    {
        using var corpus = new TestCorpus();
        var text = new StringBuilder("Harbour report\n\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append(i == 50_000 ? "zanzibarharbour " : "the harbour cranes moved containers ");
        }

        corpus.Write("huge.txt", text.ToString());
        using var archive = NewsroomArchive.InMemory(new ArchiveSettings(corpus.Folder));
        archive.IndexCorpus();

        var cited = Assert.Single(archive.Ask("What about zanzibarharbour?").Citations, c => c.Text.Contains("zanzibarharbour", StringComparison.Ordinal));
        var paragraph = archive.Paragraph(cited.ArticleKey, cited.Paragraph)!;

        Assert.InRange(paragraph.Sentences.Sum(s => s.Length + 1), 1, CorpusFolder.MaxParagraphChars + 1);
        Assert.Contains(paragraph.Sentences, s => s.Contains("zanzibarharbour", StringComparison.Ordinal));
    }

    [Fact]
    public void Ordinary_sentences_are_not_touched()
    {
        var paragraph = "The strike ended on Tuesday. " + new string('x', 10) + " " + string.Join(' ', Enumerable.Repeat("long", 300)) + ".";

        var sentences = _splitter.Split(paragraph);

        Assert.Equal(2, sentences.Count);
        Assert.Equal(paragraph, string.Join(' ', sentences));
    }
}
