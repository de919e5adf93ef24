namespace Newsroom.Answers.Answering;

/// <summary>A stretch of a sentence: the words that matched the question.</summary>
public readonly record struct TextSpan(int Start, int Length);
