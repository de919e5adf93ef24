using Lucene.Net.Search;
using Newsroom.Answers.Answering;

namespace Newsroom.Answers.Retrieval;

/// <summary>A question read for searching: its concepts, the kind of answer it asks for, and its own words.</summary>
internal sealed record SearchableQuestion(string Text, IReadOnlyList<Concept> Concepts, AnswerKind Kind, HashSet<string> Words)
{
    /// <summary>The question's meaning vector, when the index has an encoder and the options use it.</summary>
    public float[]? Meaning { get; init; }

    /// <summary>The BM25 query of its concepts: what retrieves the candidates and what highlights the cited sentences.</summary>
    public BooleanQuery Query { get; } = CandidateQuery.Build(Concepts);
}
