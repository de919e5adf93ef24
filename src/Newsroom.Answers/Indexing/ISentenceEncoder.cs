namespace Newsroom.Answers.Indexing;

/// <summary>
/// An on-device model that turns a sentence into a vector of its meaning, so that a question
/// worded differently from the reporting ("removing people" for "deported migrants") can still be
/// matched to it. Optional: an index made with an encoder stores every sentence's vector (see
/// <see cref="SentenceFields.Meaning"/>), and the answerer then blends the question's similarity
/// to each candidate into its ranking. Implementations must be thread-safe.
/// </summary>
public interface ISentenceEncoder
{
    /// <summary>
    /// The model's name and version. It is part of the index schema: an index made with another
    /// encoder, or without one, is rebuilt from the corpus.
    /// </summary>
    string Name { get; }

    /// <summary>One unit-length vector per sentence of the reporting, in order, all of the same length.</summary>
    IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts);

    /// <summary>
    /// The unit-length vector of a question, comparable with the sentences' (models trained for
    /// search encode a question differently from the text that answers it).
    /// </summary>
    float[] EncodeQuestion(string question);
}
