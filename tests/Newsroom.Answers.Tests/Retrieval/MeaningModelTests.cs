using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using Newsroom.Answers.Semantic;
using Newsroom.Evaluation;

namespace Newsroom.Answers.Tests;

/// <summary>
/// The optional meaning model (Index:Semantic in the host): arctic-embed-xs vectors stored with every
/// sentence and blended into the ranking. One model for the class: it takes a second to load.
/// </summary>
public sealed class MeaningModelTests(MeaningModelTests.Model model) : IClassFixture<MeaningModelTests.Model>
{
    private const int Every = 15;

    [Fact]
    public void The_model_gives_unit_vectors_that_put_a_paraphrase_closer_than_an_unrelated_sentence()
    {
        var question = model.Encoder.EncodeQuestion("Is the military involved in removing people to Libya?");
        var sentences = model.Encoder.Encode([
            "The deportation flight to Libya may be operated by the U.S. military.",
            "The recipe calls for two cups of flour and a pinch of salt.",
        ]);

        Assert.All(sentences.Append(question), v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 2));
        var paraphrase = SentenceMeaning.Similarity(question, SentenceMeaning.ToBytes(sentences[0]));
        var unrelated = SentenceMeaning.Similarity(question, SentenceMeaning.ToBytes(sentences[1]));
        // This model's similarities are compressed (unrelated English sentences score about 0.6).
        Assert.True(paraphrase > unrelated + 0.15, $"paraphrase {paraphrase:F2}, unrelated {unrelated:F2}");
    }

    [Fact]
    public void Stored_vectors_keep_the_similarity_within_a_hundredth()
    {
        var vectors = model.Encoder.Encode(["Officials said the flight left on Tuesday.", "The plane departed this week, officials said."]);

        var exact = vectors[0].Zip(vectors[1], (a, b) => (double)a * b).Sum();

        Assert.Equal(exact, SentenceMeaning.Similarity(vectors[0], SentenceMeaning.ToBytes(vectors[1])), 2);
    }

    [Fact]
    public void The_model_gives_the_same_vectors_to_questions_asked_at_the_same_time()
    {
        var questions = Enumerable.Range(0, 16).Select(i => $"What happened to deportation flight number {i} to Libya?").ToArray();
        var alone = questions.Select(q => model.Encoder.Encode([q])[0]).ToArray();

        var together = new float[questions.Length][];
        Parallel.For(0, questions.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = model.Encoder.Encode([questions[i]])[0]);

        for (var i = 0; i < questions.Length; i++)
        {
            Assert.Equal(alone[i], together[i], (a, b) => Math.Abs(a - b) < 1e-5f);
        }
    }

    [Theory]
    [InlineData("Is the military involved in removing people to Libya?", "operated by the U.S. military")]
    [InlineData("What is the population of Libya?", null)]
    [InlineData("Who won the 1998 World Cup final?", null)]
    public void With_the_model_the_seed_article_answers_what_it_says_and_nothing_else(string question, string? cited)
    {
        using var corpus = new TestCorpus(model.Encoder);
        corpus.Write("000_47feea0d49ae04be.txt", TestCorpus.SeedText);
        corpus.Sync();

        var answer = corpus.Answerer(TestCorpus.ShippedOptions()).Ask(question);

        if (cited is null)
        {
            Assert.Equal(AnswerStatus.NotFound, answer.Status);
        }
        else
        {
            Assert.Equal(AnswerStatus.Answered, answer.Status);
            Assert.Contains(cited, answer.Citations[0].Text);
        }
    }

    [Fact]
    public void Turning_the_model_on_rebuilds_an_index_made_without_it()
    {
        var folder = Directory.CreateTempSubdirectory("newsroom-meaning-").FullName;
        var indexFolder = Path.Combine(folder, "index");
        var corpusFolder = Directory.CreateDirectory(Path.Combine(folder, "corpus")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(corpusFolder, "seed.txt"), TestCorpus.SeedText);
            using (var plain = ArticleIndex.OpenFolder(indexFolder, new NewsAnalyzer()))
            {
                new CorpusIndexer(new SentenceSplitter()).Synchronize(new CorpusFolder(corpusFolder), plain);
            }

            using var withModel = ArticleIndex.OpenFolder(indexFolder, new NewsAnalyzer(), model.Encoder, out _);
            Assert.True(withModel.WasReset);
            Assert.Empty(withModel.Manifest);

            new CorpusIndexer(new SentenceSplitter()).Synchronize(new CorpusFolder(corpusFolder), withModel);
            var answer = new QuestionAnswerer(withModel, TestCorpus.ShippedOptions()).Ask("Which countries did U.S. officials approach about deportation deals?");
            Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", answer.Citations[0].Text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void With_the_model_the_first_cited_sentence_holds_the_answer_more_often_than_without()
    {
        using var corpus = EvaluationCorpus.Write(AnswerQualityGateTests.Squad);
        var options = TestCorpus.ShippedOptions();

        var without = new Evaluation.ProductEvaluation(options).Rank(corpus, i => i % Every == 0);
        var with = new Evaluation.ProductEvaluation(options, model.Cached).Rank(corpus, i => i % Every == 0);

        // Reached on this sample when set: P@1 0.731, MRR@10 0.803, R@5 0.903 with the model (the whole
        // file: 0.732, 0.810, 0.916); without it, 0.678, 0.766, 0.886.
        Assert.True(with.PrecisionAt1 >= without.PrecisionAt1 + 0.03, $"P@1 {with.PrecisionAt1:F3} with the model, {without.PrecisionAt1:F3} without");
        Assert.True(with.PrecisionAt1 >= 0.71, $"P@1 {with.PrecisionAt1:F3} fell below 0.71");
        Assert.True(with.ReciprocalRankAt10 >= 0.79, $"MRR@10 {with.ReciprocalRankAt10:F3} fell below 0.79");
        Assert.True(with.RecallAt5 >= 0.89, $"R@5 {with.RecallAt5:F3} fell below 0.89");
    }

    [Fact]
    public void With_the_model_questions_about_articles_that_are_not_indexed_are_seldom_answered()
    {
        var score = new Evaluation.ProductEvaluation(TestCorpus.ShippedOptions(), model.Cached).Abstain(AnswerQualityGateTests.Squad, i => i % Every == 0);

        // Reached on this sample when set: 6.1 % false answers, 92.2 % of in-corpus questions answered
        // (the whole file: 6.3 % and 92.8 %; without the model 9.6 % and 90.6 %).
        Assert.True(score.FalseAnswers <= 0.08, $"False answers {score.FalseAnswers:P1} rose above 8 %");
        Assert.True(score.InCorpusAnswered >= 0.90, $"In-corpus questions answered {score.InCorpusAnswered:P1} fell below 90 %");
    }

    /// <summary>The model, loaded once for the class; <see cref="Cached"/> encodes each SQuAD sentence once across the gate's indexings.</summary>
    public sealed class Model : IDisposable
    {
        private readonly ArcticSentenceEncoder _encoder = new();

        public Model() => Cached = new CachedSentenceEncoder(_encoder, file: null);

        public ISentenceEncoder Encoder => _encoder;

        public ISentenceEncoder Cached { get; }

        public void Dispose() => _encoder.Dispose();
    }
}
