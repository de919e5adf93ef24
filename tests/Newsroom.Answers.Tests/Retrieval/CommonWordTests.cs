using Newsroom.Answers.Answering;

namespace Newsroom.Answers.Tests;

/// <summary>
/// In a large archive a word said by more than <see cref="AnswerOptions.CommonWordSentences"/>
/// sentences only scores the sentences a rarer question word brings in. Here the limit is 5 and
/// "bridge", "close" and "repair" are each in 9 sentences of a town's news, so they are common.
/// </summary>
public sealed class CommonWordTests
{
    private const string Answer = "The harbour bridge will close for repairs on Monday, engineers said.";

    [Fact]
    public void A_rare_word_brings_in_the_sentence_and_the_common_words_rank_it_first()
    {
        using var corpus = TownNews();

        var answer = corpus.Answerer(WithCommonWordSentences(5)).Ask("When will the harbour bridge close for repairs?");

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Equal(Answer, answer.Citations[0].Text);
    }

    [Fact]
    public void A_question_of_common_words_only_is_still_answered()
    {
        using var corpus = TownNews();

        var answer = corpus.Answerer(WithCommonWordSentences(5)).Ask("When will the bridge close for repairs?");

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Equal(Answer, answer.Citations[0].Text);
    }

    [Fact]
    public void A_misspelt_word_the_archive_never_says_does_not_hide_the_sentence_that_says_the_rest()
    {
        using var corpus = TownNews();

        // "harbur" is in no sentence: it cannot bring anything in, so the common words still do.
        var answer = corpus.Answerer(WithCommonWordSentences(5)).Ask("When will the harbur bridge close for repairs?");

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Equal(Answer, answer.Citations[0].Text);
    }

    [Fact]
    public void Sentences_that_say_only_the_common_words_are_not_cited_beside_the_answer()
    {
        using var corpus = TownNews();
        const string question = "Which bakery will close early?";

        var everyWordRetrieving = corpus.Answerer(WithCommonWordSentences(0)).Ask(question);
        var answer = corpus.Answerer(WithCommonWordSentences(5)).Ask(question);

        // "close early" alone is most of the question's weight in this small town: with every word
        // retrieving, other shops closing early are cited after the bakery.
        Assert.Equal("The bakery will close early on Friday.", everyWordRetrieving.Citations[0].Text);
        Assert.Contains(everyWordRetrieving.Citations, c => c.Text.Contains("library", StringComparison.Ordinal));
        Assert.Equal(["The bakery will close early on Friday."], answer.Citations.Select(c => c.Text));
    }

    private static AnswerOptions WithCommonWordSentences(int sentences)
    {
        var options = TestCorpus.DefaultOptions();
        options.CommonWordSentences = sentences;
        return options;
    }

    /// <summary>Short articles of a town's news (104 sentences); every sentence is a paragraph of its own.</summary>
    private static TestCorpus TownNews()
    {
        string[] places = ["canal", "river", "railway", "market square", "old mill road", "ring road", "park", "school", "station"];
        string[] shops = ["bakery", "library", "post office", "pharmacy", "museum", "swimming pool", "cinema", "butcher", "garage"];
        string[] topics = ["council tax", "bus timetable", "recycling", "parking", "street lights", "allotments", "dog show", "choir", "marathon", "farmers market"];
        var sentences = new List<string> { Answer };
        for (var i = 0; i < places.Length - 1; i++)
        {
            sentences.Add($"The bridge over the {places[i]} is {20 + i} metres long.");
            sentences.Add($"The {shops[i]} will close early on {(i % 2 == 0 ? "Friday" : "Saturday")}.");
            sentences.Add($"Crews finished repairs on the {places[i + 1]} last week.");
        }

        foreach (var topic in topics)
        {
            sentences.Add($"Residents asked about the {topic} at the town meeting.");
            sentences.Add($"A letter about the {topic} was read out by the mayor.");
            sentences.Add($"The newsletter will carry a page on the {topic} in spring.");
            sentences.Add($"Volunteers for the {topic} should write to the town clerk.");
            sentences.Add($"Last year the {topic} drew more complaints than praise.");
        }

        var corpus = new TestCorpus();
        foreach (var (chunk, n) in sentences.Chunk(10).Select((chunk, n) => (chunk, n)))
        {
            corpus.Write($"town-{n}.txt", $"Town news, part {n + 1}\n\n" + string.Join("\n\n", chunk) + "\n");
        }

        corpus.Sync();
        return corpus;
    }
}
