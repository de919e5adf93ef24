using Newsroom.Answers.Answering;
using Newtonsoft.Json;

namespace Newsroom.Bot.Conversation;

/// <summary>A sentence shown in the conversation: enough to find it again in the index.</summary>
/// <param name="Number">Its number in the thread (1, 2, 3, then 4, 5, 6 after "more").</param>
/// <param name="ArticleKey">The article's key.</param>
/// <param name="Paragraph">Paragraph number, from 1.</param>
/// <param name="Sentence">Sentence number in the paragraph, from 1.</param>
/// <param name="Text">The sentence as cited.</param>
public sealed record ShownCitation(int Number, string ArticleKey, int Paragraph, int Sentence, string Text)
{
    /// <summary>Where the sentence is, as the archive knows it.</summary>
    [JsonIgnore]
    public CitedSentence Cited => new(ArticleKey, Paragraph, Sentence);

    /// <summary>The sentence's id in the index.</summary>
    [JsonIgnore]
    public string SentenceId => Cited.Id;

    /// <summary>What is remembered of <paramref name="citation"/>.</summary>
    public static ShownCitation From(Citation citation) =>
        new(citation.Number, citation.ArticleKey, citation.Paragraph, citation.Sentence, citation.Text);
}
