namespace Newsroom.Answers.Indexing;

/// <summary>How a sentence's meaning vector is kept in the index: one signed byte per dimension.</summary>
internal static class SentenceMeaning
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
