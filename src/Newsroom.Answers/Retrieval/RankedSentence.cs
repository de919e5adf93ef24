using Lucene.Net.Documents;

namespace Newsroom.Answers.Retrieval;

/// <summary>A candidate sentence with its confidence, relevance and ranking score; its own stored fields once read.</summary>
internal sealed class RankedSentence(int doc, double confidence, double relevance)
{
    public int Doc { get; } = doc;

    public double Confidence { get; set; } = confidence;

    public double Relevance { get; } = relevance;

    public double Score { get; set; }

    public Document? Document { get; set; }

    /// <summary>The lead sentence of its article, where the article's stored fields are (-1 when not found).</summary>
    public int Lead { get; set; } = -1;

    public string Text { get; set; } = string.Empty;
}
