using Newsroom.Answers.Answering;
using System.Globalization;
using System.Text;

namespace Newsroom.Bot.Conversation;

/// <summary>
/// The Markdown of follow-up replies: the paragraph around a citation and where articles are
/// from. Article text is escaped exactly like in answers (<see cref="ReplyRenderer.Escape"/>).
/// </summary>
public static class FollowUpReplies
{
    /// <summary>Said when "more" finds nothing new.</summary>
    public const string NoMore = "That's all I have on this. Ask me another question, or try other words.";

    /// <summary>Said when a follow-up comes before any answer.</summary>
    public const string NothingYet = "There's no answer to follow up on yet. Ask me a question about our reporting first, then type **more**, **context** or **source**.";

    /// <summary>Said when a button is under an answer the conversation no longer remembers.</summary>
    public const string AnswerForgotten = "I no longer have that answer: I keep the last 20 answers of a conversation. Ask the question again for a fresh answer.";

    /// <summary>Said when a quote's article has left the index since it was shown.</summary>
    public const string GoneFromIndex = "That article is no longer in the reporting I search (it was removed or changed since). Ask the question again for a fresh answer.";

    /// <summary>The paragraph holding <paramref name="cited"/>, with that sentence in bold.</summary>
    public static string Paragraph(ArticleParagraph paragraph, ShownCitation cited)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The {(paragraph.IsCaption ? "photo caption" : "paragraph")} around quote {cited.Number} ");
        text.Append(CultureInfo.InvariantCulture, $"(paragraph {paragraph.Number} of *{ReplyRenderer.Escape(paragraph.Article.Title)}*), the quoted sentence in bold:\n\n> ");
        for (var i = 0; i < paragraph.Sentences.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            var sentence = ReplyRenderer.Escape(paragraph.Sentences[i]);
            text.Append(i + 1 == cited.Sentence ? $"**{sentence}**" : sentence);
        }

        if (paragraph.IsCaption && paragraph.Credit is not null)
        {
            text.Append(" *Photo: ").Append(ReplyRenderer.Escape(paragraph.Credit)).Append('*');
        }

        return text.ToString();
    }

    /// <summary>Title, byline, source, date and link of each article, with the quotes taken from it.</summary>
    public static string Sources(IReadOnlyList<(ArticleSource Article, IReadOnlyList<int> Quotes)> articles)
    {
        var text = new StringBuilder(articles.Count == 1 ? "That is from:\n\n" : "Those quotes are from:\n\n");
        foreach (var (article, quotes) in articles)
        {
            text.Append("- **").Append(ReplyRenderer.Escape(article.Title)).Append("**");
            var details = new List<string>();
            if (article.Author is not null)
            {
                details.Add($"by {ReplyRenderer.Escape(article.Author)}");
            }

            if (article.Source is not null)
            {
                details.Add(ReplyRenderer.Escape(article.Source));
            }

            details.Add(article.Published is { } published ? published.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : "date unknown");
            text.Append(", ").Append(string.Join(", ", details));
            text.Append(quotes.Count == 1 ? $" (quote {quotes[0]})" : $" (quotes {string.Join(", ", quotes)})");
            text.Append(ReplyRenderer.SafeUrl(article.Url) is { } link ? $" · [{ReplyRenderer.Escape(link)}]({link})" : " · no link on file");
            text.Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Said when a follow-up names a quote that was not shown.</summary>
    public static string NoSuchQuote(int number, int shown) =>
        string.Create(CultureInfo.InvariantCulture, $"There is no quote {number} in this conversation; I have shown {(shown == 1 ? "quote 1" : $"quotes 1 to {shown}")}.");
}
