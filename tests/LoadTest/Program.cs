using Microsoft.Extensions.Configuration;
using Newsroom.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;

// Load test: the real host (a child process on a loopback port) over a generated archive of about
// 100,000 sentences; N concurrent conversations ask questions for a fixed time while new articles
// keep arriving in corpus/. Prints answers/s, p50/p99 latency and errors; exits 1 on any error.
// Bounded: it stops after --seconds, kills the host and deletes its folders.
//
//   dotnet run -c Release --project tests/LoadTest -- --seconds 60 --conversations 64 --sentences 100000 [--think-ms 1000]

var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
var seconds = settings.GetValue("seconds", 60);
var conversations = settings.GetValue("conversations", 64);
var sentencesWanted = settings.GetValue("sentences", 100_000);
// 0: each conversation asks again as soon as it has its answer (saturation: measures throughput).
// Above 0: a person's pause between questions (measures latency at a realistic offered load).
var thinkMilliseconds = settings.GetValue("think-ms", 0);
const int SentencesPerArticle = 40;

var work = Directory.CreateTempSubdirectory("newsroom-load-").FullName;
var corpus = Path.Combine(work, "corpus");
var index = Path.Combine(work, "index");
var clock = Stopwatch.StartNew();
var articles = SyntheticCorpus.Write(corpus, first: 1, count: sentencesWanted / SentencesPerArticle, sentences: SentencesPerArticle);
Console.WriteLine($"Generated {articles.Count:N0} articles in {clock.Elapsed.TotalSeconds:F1} s");

var host = BotProcess.Start(new BotProcessOptions(corpus, index)
{
    Settings = ["--Logging:LogLevel:Default=Warning"],
    ServerGarbageCollection = true,
    Output = line => Console.WriteLine("  host: " + line),
    MaxConnections = conversations * 2,
});
var http = host.Client;
try
{
    clock.Restart();
    var health = await host.WaitForHealthAsync(h => (bool)h["ready"]! && (int)h["articles"]! >= articles.Count, TimeSpan.FromMinutes(10));
    Console.WriteLine($"Indexed {(int)health["sentences"]!:N0} sentences of {(int)health["articles"]!:N0} articles in {clock.Elapsed.TotalSeconds:F1} s");

    // Warm-up (JIT, caches), not measured.
    for (var i = 0; i < 50; i++)
    {
        await Ask(http, articles[i].Question, "warmup");
    }

    var latencies = new ConcurrentBag<double>();
    var errors = new ConcurrentBag<string>();
    var wrong = 0;
    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
    var added = 0;
    var writer = Task.Run(async () =>
    {
        // New articles keep arriving during the run, as during breaking news.
        var next = articles.Count + 1;
        while (!stop.IsCancellationRequested)
        {
            SyntheticCorpus.Write(corpus, first: next++, count: 1, sentences: SentencesPerArticle);
            added++;
            await Task.Delay(500, CancellationToken.None);
        }
    });

    clock.Restart();
    var workers = Enumerable.Range(0, conversations).Select(worker => Task.Run(async () =>
    {
        var random = new Random(worker);
        var conversation = $"load-{worker}";
        if (thinkMilliseconds > 0)
        {
            // People do not all press Enter in the same millisecond: conversations start spread over one pause.
            await Task.Delay(random.Next(thinkMilliseconds), CancellationToken.None);
        }

        while (!stop.IsCancellationRequested)
        {
            var article = articles[random.Next(articles.Count)];
            var started = Stopwatch.GetTimestamp();
            try
            {
                var text = await Ask(http, article.Question, conversation);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!text.Contains(article.AnswerWord, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref wrong);
                }

                if (thinkMilliseconds > 0)
                {
                    await Task.Delay(random.Next(thinkMilliseconds / 2, thinkMilliseconds * 3 / 2), CancellationToken.None);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                errors.Add(e.Message);
            }
        }
    })).ToArray();
    await Task.WhenAll(workers);
    var elapsed = clock.Elapsed;
    await writer;

    var sorted = latencies.Order().ToArray();
    double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    Console.WriteLine();
    Console.WriteLine($"Load: {conversations} concurrent conversations ({(thinkMilliseconds > 0 ? $"about {thinkMilliseconds} ms between a conversation's questions" : "each asking again at once")}) for {elapsed.TotalSeconds:F0} s over {(int)health["sentences"]!:N0} sentences, {added} articles added to corpus/ meanwhile");
    Console.WriteLine($"  answers:   {sorted.Length:N0} ({sorted.Length / elapsed.TotalSeconds:F0}/s)");
    Console.WriteLine($"  latency:   p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms, max {(sorted.Length > 0 ? sorted[^1] : double.NaN):F1} ms");
    Console.WriteLine($"  errors:    {errors.Count}");
    Console.WriteLine($"  answers without the expected fact: {wrong} ({(sorted.Length == 0 ? 0 : 100.0 * wrong / sorted.Length):F2}%)");
    foreach (var error in errors.Distinct().Take(5))
    {
        Console.WriteLine($"    error: {error}");
    }

    return errors.IsEmpty && sorted.Length > 0 ? 0 : 1;
}
finally
{
    await host.DisposeAsync();
    Directory.Delete(work, recursive: true);
}

static async Task<string> Ask(HttpClient http, string question, string conversation)
{
    var messages = await ExpectReplies.MessagesAsync(http, TestActivity.Message(question) with { From = new("user-" + conversation), ConversationId = conversation });
    return messages.Count == 1 ? (string?)messages[0]["text"] ?? string.Empty : throw new InvalidOperationException($"{messages.Count} messages in the reply");
}
