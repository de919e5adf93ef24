using Lucene.Net.Index;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Indexing;

namespace Newsroom.Answers.Retrieval;

/// <summary>
/// How many sentences say each term, for one question on one index snapshot. Each term is looked
/// up in the term dictionaries once, for the query and the concept weights both (TermQuery takes
/// the statistics it would otherwise gather itself). One per question; not thread-safe.
/// </summary>
internal sealed class TermLookup(IndexReader reader)
{
    private readonly Dictionary<string, TermContext> _terms = new(StringComparer.Ordinal);

    /// <summary>The statistics of <paramref name="term"/> in the sentence text.</summary>
    public TermContext Of(string term)
    {
        if (!_terms.TryGetValue(term, out var found))
        {
            found = TermContext.Build(reader.Context, new Term(SentenceFields.Text, term));
            _terms[term] = found;
        }

        return found;
    }

    /// <summary>How many sentences say the concept's most common alternative, at most (a phrase: its rarest word).</summary>
    public int Frequency(Concept concept) =>
        concept.Alternatives.Max(alternative => alternative.Min(term => Of(term).DocFreq));
}
