using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newsroom.Answers.Answering;
using Newsroom.Testing;
using System.Diagnostics;

namespace Newsroom.Answers.Tests;

/// <summary>
/// Whatever arrives as a question (arbitrary UTF-16, control characters, lone surrogates, Lucene
/// syntax, 100 kB pastes), the answerer returns an answer, never an exception, and never takes
/// long: the bound is generous (CI machines are slow and shared) because what it guards against
/// is a pathological blow-up, not a few milliseconds.
/// </summary>
public sealed class HostileQuestionTests : IClassFixture<HostileQuestionTests.SeedIndex>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private readonly SeedIndex _seed;

    public HostileQuestionTests(SeedIndex seed) => _seed = seed;

    [Property(Arbitrary = [typeof(HostileInput)], MaxTest = 300)]
    public Property Any_text_gets_an_answer_within_the_bound(HostileText question) => AnswersWithinBound(_seed.Answerer, question);

    /// <summary>With the longest question length the options allow, 100 kB messages are analysed and searched, not refused.</summary>
    [Property(Arbitrary = [typeof(HostileInput)], MaxTest = 150)]
    public Property Any_text_is_searched_within_the_bound_when_long_questions_are_allowed(HostileText question) =>
        AnswersWithinBound(_seed.LongQuestionAnswerer, question);

    [Fact]
    public void Thousands_of_distinct_words_are_searched_not_rejected_by_lucene()
    {
        // More distinct words than BooleanQuery's 1,024-clause limit: the query must stay within it.
        var words = string.Join(' ', Enumerable.Range(0, 5000).Select(i => "word" + ToLetters(i)));
        var answer = _seed.LongQuestionAnswerer.Ask(words + " Which countries did U.S. officials approach about deportation deals?");

        Assert.NotEqual(AnswerStatus.TooLong, answer.Status);
    }

    [Fact]
    public void A_question_padded_with_lucene_syntax_is_still_answered()
    {
        var answer = _seed.Answerer.Ask("+(Which countries did U.S. officials approach about *deportation* deals?)~ ^ && || ! :");

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Contains("Angola", answer.Citations[0].Text);
    }

    private static Property AnswersWithinBound(QuestionAnswerer answerer, HostileText question)
    {
        var clock = Stopwatch.StartNew();
        var answer = answerer.Ask(question.Value);
        clock.Stop();
        return (answer is not null && clock.Elapsed < Bound)
            .ToProperty().Label($"answered {answer?.Status} in {clock.ElapsedMilliseconds} ms (bound {Bound.TotalMilliseconds} ms)");
    }

    private static string ToLetters(int number)
    {
        var letters = string.Empty;
        do
        {
            letters = (char)('a' + number % 26) + letters;
            number /= 26;
        }
        while (number > 0);
        return letters;
    }

    /// <summary>The seed article indexed once for every case of the class.</summary>
    public sealed class SeedIndex : IDisposable
    {
        private readonly TestCorpus _corpus = TestCorpus.WithSeed();

        public SeedIndex()
        {
            Answerer = _corpus.Answerer();
            var longQuestions = TestCorpus.DefaultOptions();
            longQuestions.MaxQuestionLength = 100_000;
            LongQuestionAnswerer = _corpus.Answerer(longQuestions);
        }

        internal QuestionAnswerer Answerer { get; }

        internal QuestionAnswerer LongQuestionAnswerer { get; }

        public void Dispose() => _corpus.Dispose();
    }
}
