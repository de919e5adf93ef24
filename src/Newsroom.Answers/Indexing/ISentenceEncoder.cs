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

/// <summary>How a sentence's meaning vector is kept in the index: one signed byte per dimension.</summary>
public static class SentenceMeaning
{
    /// <summary>
    /// Quantises a unit vector to a byte per dimension (components of a unit vector lie in [-1, 1]):
    /// a quarter of the size of floats, and cosine similarity off by well under 0.01.
    /// </summary>
    public static byte[] ToBytes(float[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var bytes = new byte[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            bytes[i] = unchecked((byte)(sbyte)Math.Clamp(MathF.Round(vector[i] * 127f), -127f, 127f));
        }

        return bytes;
    }

    /// <summary>Cosine similarity of a unit <paramref name="vector"/> and a stored one (see <see cref="ToBytes"/>); 0 when their lengths differ.</summary>
    public static double Similarity(float[] vector, ReadOnlySpan<byte> stored)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (stored.Length != vector.Length)
        {
            return 0;
        }

        var dot = 0f;
        for (var i = 0; i < vector.Length; i++)
        {
            dot += vector[i] * unchecked((sbyte)stored[i]);
        }

        return dot / 127f;
    }
}
