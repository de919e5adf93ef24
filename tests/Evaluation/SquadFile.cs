using System.Text.Json;
using System.Text.Json.Serialization;

namespace Newsroom.Evaluation;

/// <summary>A SQuAD v1.1-format file (Rajpurkar et al., 2016): articles, their paragraphs, and questions about each paragraph.</summary>
internal sealed record SquadFile([property: JsonPropertyName("data")] IReadOnlyList<SquadArticle> Articles)
{
    /// <summary>Reads a SQuAD-format JSON file.</summary>
    public static SquadFile Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<SquadFile>(stream)
            ?? throw new InvalidDataException($"{path} is not a SQuAD-format file (no \"data\").");
    }

    /// <summary>How many questions the file asks.</summary>
    public int QuestionCount => Articles.Sum(a => a.Paragraphs.Sum(p => p.Questions.Count));
}

/// <summary>One Wikipedia article: a title with underscores for spaces, and its paragraphs.</summary>
internal sealed record SquadArticle(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("paragraphs")] IReadOnlyList<SquadParagraph> Paragraphs);

/// <summary>A paragraph ("context") and the questions asked about it.</summary>
internal sealed record SquadParagraph(
    [property: JsonPropertyName("context")] string Context,
    [property: JsonPropertyName("qas")] IReadOnlyList<SquadQuestion> Questions);

/// <summary>A question and the spans of its paragraph that answer it.</summary>
internal sealed record SquadQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Text,
    [property: JsonPropertyName("answers")] IReadOnlyList<SquadAnswer> Answers);

/// <summary>An answer span: its text and the character offset in the paragraph where it starts.</summary>
internal sealed record SquadAnswer(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("answer_start")] int Start);
