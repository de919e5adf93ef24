using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Newsroom.Answers.Indexing;

/// <summary>
/// The one analyzer for indexing and for questions (both sides must agree on terms):
/// Unicode word breaking, English possessives, lower case, accent folding ("São Tomé" matches
/// "Sao Tome"), stop words (English plus the question and auxiliary words that carry no topic:
/// "which", "did", "how"), and Porter stemming ("deported" matches "deportation").
/// </summary>
internal sealed class NewsAnalyzer : Analyzer
{
    /// <summary>The Lucene version every analysis component is created with.</summary>
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Words that never decide what a sentence is about.</summary>
    public static CharArraySet StopWords { get; } = BuildStopWords();

    /// <inheritdoc />
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, tokenizer);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    private static CharArraySet BuildStopWords()
    {
        var words = new CharArraySet(Version, EnglishAnalyzer.DefaultStopSet, ignoreCase: true);
        foreach (var word in new[]
        {
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
            "do", "does", "did", "done", "doing", "has", "have", "had", "having", "am", "been", "being",
            "can", "could", "would", "should", "shall", "must",
            "i", "me", "my", "you", "your", "we", "our", "he", "him", "his", "she", "her", "its", "them", "those",
            "about", "from", "than", "so", "any", "some", "there", "here", "also", "very", "just",
            "tell", "say", "said", "please", "know",
        })
        {
            words.Add(word);
        }

        return words;
    }
}
