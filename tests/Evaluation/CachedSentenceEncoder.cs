using Newsroom.Answers.Indexing;

namespace Newsroom.Evaluation;

/// <summary>
/// Remembers the meaning vectors of the sentences indexed, optionally in a file, so that the evaluation's three indexings of the
/// same sentences, and repeated runs while choosing weights, encode each sentence once. Questions
/// are always encoded afresh, so the time per question stays honest.
/// </summary>
internal sealed class CachedSentenceEncoder(ISentenceEncoder inner, string? file) : ISentenceEncoder
{
    private readonly Dictionary<string, float[]> _vectors = Load(file);
    private readonly Lock _lock = new();
    private bool _added;

    public string Name => inner.Name;

    public float[] EncodeQuestion(string question) => inner.EncodeQuestion(question);

    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts)
    {

        lock (_lock)
        {
            var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct().ToList();
            if (missing.Count > 0)
            {
                var vectors = inner.Encode(missing);
                for (var i = 0; i < missing.Count; i++)
                {
                    _vectors[missing[i]] = vectors[i];
                }

                _added = true;
            }

            return texts.Select(t => _vectors[t]).ToList();
        }
    }

    /// <summary>Writes the vectors to the file, if there is one and anything was added.</summary>
    public void Save()
    {
        if (file is null || !_added)
        {
            return;
        }

        using var writer = new BinaryWriter(File.Create(file));
        writer.Write(_vectors.Count);
        foreach (var (text, vector) in _vectors)
        {
            writer.Write(text);
            writer.Write(vector.Length);
            foreach (var x in vector)
            {
                writer.Write(x);
            }
        }
    }

    private static Dictionary<string, float[]> Load(string? file)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (file is null || !File.Exists(file))
        {
            return vectors;
        }

        using var reader = new BinaryReader(File.OpenRead(file));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var text = reader.ReadString();
            var vector = new float[reader.ReadInt32()];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = reader.ReadSingle();
            }

            vectors[text] = vector;
        }

        return vectors;
    }
}
