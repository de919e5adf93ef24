using System.Runtime.CompilerServices;
using Newsroom.Answers.Indexing;
using Newsroom.Answers.Semantic;

namespace Newsroom.Bot.Composition;

/// <summary>
/// The sentence encoder the index and the answerer use when Index:Semantic is on, or none. Owned
/// here (disposed with the host), not by the index: one model serves every index the process opens.
/// </summary>
public sealed class MeaningModel(ISentenceEncoder? encoder) : IDisposable
{
    /// <summary>The encoder, or null when Index:Semantic is off.</summary>
    public ISentenceEncoder? Encoder { get; } = encoder;

    /// <summary>
    /// Loads arctic-embed-xs. A method of its own, never inlined: the model's assembly (about 90 MB) is then
    /// loaded only when this runs, not by every host that merely could.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ISentenceEncoder Load() => new ArcticSentenceEncoder();

    /// <inheritdoc />
    public void Dispose() => (Encoder as IDisposable)?.Dispose();
}
