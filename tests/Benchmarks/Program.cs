using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using Newsroom.Benchmarks;
using Newsroom.Testing;
using System.Diagnostics;
using System.Globalization;

// Usage: dotnet run -c Release --project tests/Benchmarks -- [--sentences 100000] [--questions 1000] [--seed 42] [--rounds 3]
//   [--templates seed|SQuAD-file] [--work DIR] [--keep] [--breakdown]
var options = Arguments.Parse(args);
var configuration = typeof(Arguments).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
var root = Repository.Root;
var work = options.Work ?? Directory.CreateTempSubdirectory("newsroom-bench-").FullName;
var corpusFolder = Path.Combine(work, "corpus");
var productIndex = Path.Combine(work, "index");
var rawIndex = Path.Combine(work, "raw-index");
var report = new Report();
report.Note($"{options.Sentences:N0} sentences, seed {options.Seed}, {Environment.ProcessorCount} cores, {configuration} build, load average at start {Arguments.LoadAverage()}");

try
{
    // 1. A corpus on disk.
    List<string> templates = [File.ReadAllText(Path.Combine(root, "corpus", "000_47feea0d49ae04be.txt"))];
    if (options.Templates != "seed")
    {
        var squad = Path.GetFullPath(Path.Combine(root, options.Templates));
        templates.AddRange(CorpusGenerator.SquadContexts(squad));
        report.Note($"Templates: the seed article and the paragraphs of {Path.GetFileName(squad)}");
    }
    else
    {
        report.Note("Templates: the seed article only");
    }

    var generator = new CorpusGenerator(templates, options.Seed);
    var clock = Stopwatch.StartNew();
    var fileCount = generator.Write(corpusFolder, options.Sentences);
    report.Note($"Generated {fileCount:N0} files in {clock.Elapsed.TotalSeconds:N1} s");
    var files = Directory.GetFiles(corpusFolder, "*", SearchOption.AllDirectories);
    var questions = Arguments.MakeQuestions(generator.Sample, options.Questions, options.Seed);
    if (args.Contains("--breakdown"))
    {
        IndexingBreakdown.Run(corpusFolder, report);
        return;
    }

    // 2. Indexing from files: raw Lucene.Net, then the product (fresh index each), in alternating
    // rounds; each side's best round counts, so a burst of other work on a shared machine during one
    // round does not decide the ratio.
    using var raw = new RawLucene(rawIndex);
    double rawRate = 0, productRate = 0;
    int rawSentences = 0, productSentences = 0;
    long productSize = 0;
    for (var round = 1; round <= options.Rounds; round++)
    {
        (rawSentences, var rawTime) = raw.Index(files);
        var rate = rawSentences / rawTime.TotalSeconds;
        rawRate = Math.Max(rawRate, rate);
        if (Directory.Exists(productIndex))
        {
            Directory.Delete(productIndex, recursive: true);
        }

        var product = IndexProduct(corpusFolder, productIndex);
        (productSentences, productSize) = (product.Sentences, product.Size);
        productRate = Math.Max(productRate, product.Rate);
        report.Note($"Indexing round {round}: raw {rate:N0} sentences/s, product {product.Rate:N0} sentences/s");
    }

    report.Row("Indexing from files (sentences/s)", rawRate, null, "≥ 50% of raw", options.Rounds > 1 ? $"best of {options.Rounds} alternating rounds each" : "");
    report.Ratio("Indexing from files (sentences/s)", productRate, rawRate, productRate >= 0.5 * rawRate);
    report.Row("Index size on disk (MB)", raw.SizeInBytes / 1048576.0, productSize / 1048576.0, "", $"{productSentences:N0} sentences in the product index, {rawSentences:N0} raw");

    // 3. Answer latency through the answering code, same questions, after a warm-up.
    raw.Open();
    var rawLatency = Measure(questions, q => raw.Ask(q));
    double[] productLatency, answererLatency;
    using (var index = ArticleIndex.OpenFolder(productIndex, new NewsAnalyzer()))
    {
        var answerOptions = Repository.ShippedSettings<AnswerOptions>(AnswerOptions.Section);
        var answerer = new QuestionAnswerer(index, answerOptions);
        var router = new ArchiveQuestions(answerer, index, answerOptions);
        answererLatency = Measure(questions, q => answerer.Ask(q).Citations.Count);
        productLatency = Measure(questions, q => router.Ask(q).Citations.Count);
        report.Note($"Product answered {questions.Count(q => router.Ask(q).Status == AnswerStatus.Answered) * 100.0 / questions.Count:N0}% of the benchmark questions with citations");
    }

    report.Latency("Answer latency, answering code (ms)", productLatency, rawLatency);
    report.Latency("… of which QuestionAnswerer alone (ms)", answererLatency, rawLatency);

    // 4. The real host: start-up with the existing index, HTTP latency, 16 conversations, freshness, memory.
    var startClock = Stopwatch.StartNew();
    var bot = BotProcess.Start(new BotProcessOptions(corpusFolder, productIndex)
    {
        Settings = ["--Logging:LogLevel:Default=Warning"],
        ServerGarbageCollection = true,
        MaxConnections = 64,
    });
    await using (bot)
    {
        await bot.WaitUntilHealthyAsync(TimeSpan.FromMinutes(30));
        var startUp = startClock.Elapsed;
        report.Row("Start-up with an existing index (s)", null, startUp.TotalSeconds, "≤ 3 s", "process start until /health answers");
        foreach (var question in questions.Take(100))
        {
            await Ask(bot, "warm-up", question);
        }

        var http = new List<double>();
        foreach (var question in questions)
        {
            var started = Stopwatch.GetTimestamp();
            await Ask(bot, "latency", question);
            http.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        report.Latency("Answer latency, HTTP /api/messages (ms)", [.. http], null);
        var peakAfterLatency = bot.PeakMemoryBytes();

        var (warmUp, window) = (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
        var (warming, answers, errors) = await Concurrent(bot, questions, conversations: 16, warmUp, window);
        report.Row("Sustained answers/s, 16 conversations", null, answers / window.TotalSeconds, "≥ 300/s, no errors",
            $"{answers:N0} answers in {window.TotalSeconds:N0} s with all 16 asking, after {warmUp.TotalSeconds:N0} s of the same load ({warming / warmUp.TotalSeconds:N1}/s); {errors} errors");
        var peakAfterConcurrent = bot.PeakMemoryBytes();

        // Ten articles, as a newsroom publishes all day: the memory they add is in the peak below.
        var fresh = new List<double>();
        var (ownBefore, _) = bot.ResidentNow();
        for (var i = 0; i < 10; i++)
        {
            var marker = $"zorblax{i}quint";
            var path = Path.Combine(corpusFolder, $"breaking-{i}.txt");
            var started = Stopwatch.GetTimestamp();
            await File.WriteAllTextAsync(path, $"Breaking news {i}\n\n{generator.SentenceWith(marker)}\n");
            while (!(await Ask(bot, "fresh", $"What do we know about the {marker} plan?")).Contains(marker, StringComparison.Ordinal))
            {
                if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException("A new article was not answerable within 30 s");
                }

                await Task.Delay(20);
            }

            fresh.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            await Task.Delay(500);
        }

        report.Row("New article answerable after it lands (s)", null, fresh.Max(), "≤ 2 s", $"worst of {fresh.Count} (each: {string.Join(", ", fresh.Select(f => f.ToString("N2", CultureInfo.InvariantCulture)))})");
        var (own, mapped) = bot.ResidentNow();
        report.Note($"The process's own resident memory before the new articles {ownBefore / 1048576.0:N0} MB, after them {own / 1048576.0:N0} MB");
        report.Note($"Peak resident set so far: after start-up and one-at-a-time questions {peakAfterLatency / 1048576.0:N0} MB, after the 16 conversations {peakAfterConcurrent / 1048576.0:N0} MB, after the new articles {bot.PeakMemoryBytes() / 1048576.0:N0} MB");
        report.Row("Peak memory while serving (MB)", null, bot.PeakMemoryBytes() / 1048576.0, "≤ 600 MB",
            $"peak resident set of the bot process (VmHWM); at the end {own / 1048576.0:N0} MB its own, {mapped / 1048576.0:N0} MB mapped files (the index)");
    }

    report.Note($"Load average at end {Arguments.LoadAverage()}");
    report.Print();
}
finally
{
    if (!options.Keep)
    {
        Directory.Delete(work, recursive: true);
    }
}

static (double Rate, int Sentences, long Size) IndexProduct(string corpusFolder, string indexFolder)
{
    // Timed until the commit returns, as raw's is; the size is taken after the writer has closed
    // (merges finished), as raw's is.
    double rate;
    int sentences;
    using (var index = ArticleIndex.OpenFolder(indexFolder, new NewsAnalyzer()))
    {
        var clock = Stopwatch.StartNew();
        var result = new CorpusIndexer(new SentenceSplitter()).Synchronize(new CorpusFolder(corpusFolder), index);
        rate = result.Sentences / clock.Elapsed.TotalSeconds;
        sentences = result.Sentences;
    }

    return (rate, sentences, Directory.GetFiles(indexFolder).Sum(file => new FileInfo(file).Length));
}

static double[] Measure(IReadOnlyList<string> questions, Func<string, int> ask)
{
    foreach (var question in questions.Take(200))
    {
        ask(question);
    }

    var times = new double[questions.Count];
    for (var i = 0; i < questions.Count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        ask(questions[i]);
        times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    return times;
}

/// <summary>
/// <paramref name="conversations"/> conversations asking one question after another, each waiting for
/// its reply: answers completed during <paramref name="window"/> are counted, after
/// <paramref name="warmUp"/> of the same load (the JIT's optimised code, the GC's heap size) whose
/// answers are counted apart. Every conversation is asking for the whole window: no ramp, no tail.
/// </summary>
static async Task<(int WarmUpAnswers, int Answers, int Errors)> Concurrent(BotProcess bot, IReadOnlyList<string> questions, int conversations, TimeSpan warmUp, TimeSpan window)
{
    int warming = 0, answers = 0, errors = 0;
    var clock = Stopwatch.StartNew();
    var end = warmUp + window;
    await Task.WhenAll(Enumerable.Range(0, conversations).Select(c => Task.Run(async () =>
    {
        for (var i = 0; clock.Elapsed < end; i++)
        {
            try
            {
                await Ask(bot, $"conversation-{c}", questions[(c * 7919 + i) % questions.Count]);
                var at = clock.Elapsed;
                if (at < warmUp)
                {
                    Interlocked.Increment(ref warming);
                }
                else if (at <= end)
                {
                    Interlocked.Increment(ref answers);
                }
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
        }
    })));
    return (warming, answers, errors);
}

/// <summary>Asks through POST /api/messages with expectReplies in <paramref name="conversation"/>; returns the reply text, and throws when the bot sent no message.</summary>
static async Task<string> Ask(BotProcess bot, string conversation, string question) =>
    await bot.AskAsync(question, conversation) is { Length: > 0 } text ? text : throw new InvalidOperationException("The bot sent no message");
