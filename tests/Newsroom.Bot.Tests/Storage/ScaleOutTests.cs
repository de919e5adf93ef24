using Newsroom.Bot.Conversation;
using Newsroom.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Newsroom.Bot.Tests;

/// <summary>
/// More than one machine: two real bot processes on loopback behind Debian's nginx,
/// conversation state in Debian's redis-server, conversations that keep following up on their
/// answers ("more", "source", "and Rotterdam?") while one instance is killed with SIGKILL.
/// </summary>
[Trait("Category", "ScaleOut")]
public sealed partial class ScaleOutTests(ITestOutputHelper output)
{
    private const int Conversations = 16;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [SystemFact("nginx", "redis-server")]
    public async Task Killing_one_instance_under_load_loses_no_conversation()
    {
        await using var cluster = await Cluster.StartAsync(redis: true);

        var run = await cluster.ConverseAsync(TimeSpan.FromSeconds(14), killAfter: TimeSpan.FromSeconds(5));

        output.WriteLine(run.Summary);
        output.WriteLine(cluster.Logs);
        Assert.True(run.KilledAt is not null, "the instance was never killed");
        Assert.True(run.Failed <= run.InFlightAtKill, $"{run.Failed} requests failed, more than the {run.InFlightAtKill} in flight when the instance was killed\n{run.Summary}");
        Assert.True(run.LostState.IsEmpty, $"follow-ups that did not find their conversation:\n{string.Join('\n', run.LostState.Take(10))}\n{run.Summary}");
        Assert.Equal(Conversations, run.ContinuedAfterKill);
        Assert.True(run.FollowUpsAfterKill >= 2 * Conversations, $"too few follow-ups after the kill to show anything\n{run.Summary}");
        Assert.True(run.LastOnKilled.Count > 0, $"no conversation had its last answer from the killed instance\n{run.Summary}");
        Assert.Equal(run.LastOnKilled.Order(), run.LastOnKilledCarriedOn.Order()); // their next follow-ups read the thread the dead instance saved
        Assert.True(run.CrossInstanceFollowUps > 0, $"no follow-up was answered by another instance than the turn before it\n{run.Summary}");
        Assert.True(run.AnsweredBySurvivorOnly, $"the killed instance answered after it was killed\n{run.Summary}");
    }

    [SystemFact("nginx", "redis-server")]
    public async Task Without_a_shared_store_follow_ups_behind_the_balancer_lose_their_thread()
    {
        // The same two instances keeping state in their own memory: round-robin sends every other
        // turn to the instance that has never seen the conversation. This is what Storage:Redis fixes.
        await using var cluster = await Cluster.StartAsync(redis: false);

        var run = await cluster.ConverseAsync(TimeSpan.FromSeconds(3), killAfter: null);

        output.WriteLine(run.Summary);
        Assert.Equal(0, run.Failed);
        Assert.NotEmpty(run.LostState);
    }

    /// <summary>Two bot processes over one corpus (each with its own index folder), optionally a redis-server, and nginx in front.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("newsroom-scaleout-").FullName;
        private readonly List<IDisposable> _disposables = [];
        private readonly List<BotProcess> _bots = [];
        private IReadOnlyList<SyntheticArticle> _synthetic = [];
        private Nginx? _nginx;

        /// <summary>The end of each process's log, for a failure message.</summary>
        public string Logs => string.Join('\n', _bots.Select((bot, i) => $"--- instance {(char)('A' + i)} (port {bot.Port}), last lines of its log:\n" + string.Join('\n', bot.Log.Split('\n').TakeLast(20))))
            + "\n--- nginx error log:\n" + _nginx?.ErrorLog;

        public static async Task<Cluster> StartAsync(bool redis)
        {
            var cluster = new Cluster();
            try
            {
                await cluster.StartInsideAsync(redis);
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        private async Task StartInsideAsync(bool redis)
        {
            var corpus = Path.Combine(_folder, "corpus");
            Repository.CopyCorpusTo(corpus);

            using (var strike = new StrikeCorpus())
            {
                foreach (var file in Directory.GetFiles(strike.Folder))
                {
                    File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
                }
            }

            _synthetic = SyntheticCorpus.Write(corpus, first: 1, count: 40, sentences: 20);

            string[] settings = ["--Corpus:RescanSeconds=600"];
            if (redis)
            {
                var server = new RedisServer();
                _disposables.Add(server);
                settings = [.. settings, $"--Storage:Redis={server.ConnectionString}"];
            }

            // Each instance its own index folder: a Lucene index has one writer.
            foreach (var name in new[] { "a", "b" })
            {
                _bots.Add(BotProcess.Start(corpus, Path.Combine(_folder, "index-" + name), settings));
            }

            foreach (var bot in _bots)
            {
                await bot.WaitForHealthAsync(h => (bool)h["ready"]!, StartTimeout);
            }

            // Warm each instance up before the balancer sends it people (as a deployment slot is warmed
            // before it takes traffic): the first answers pay for JIT compilation and the Redis connection.
            foreach (var bot in _bots)
            {
                foreach (var question in new[] { StrikeCorpus.Question, "more", _synthetic[0].Question })
                {
                    await bot.AskAsync(question);
                }
            }

            _nginx = Nginx.Start([.. _bots.Select(b => b.Port)], TimeSpan.FromSeconds(20));
            using var client = new HttpClient { BaseAddress = _nginx.Address, Timeout = TimeSpan.FromSeconds(10) };
            var health = await client.GetFromJsonAsync<JsonObject>("/health");
            Assert.Equal("ok", (string?)health!["status"]);
        }

        /// <summary>Runs <see cref="Conversations"/> conversations through nginx for <paramref name="duration"/>, killing the first instance after <paramref name="killAfter"/>.</summary>
        public async Task<Run> ConverseAsync(TimeSpan duration, TimeSpan? killAfter)
        {
            var run = new Run(_bots.Select(b => b.Port).ToList());
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
            {
                BaseAddress = _nginx!.Address,
                Timeout = TimeSpan.FromSeconds(20),
            };
            using var stop = new CancellationTokenSource(duration);
            var conversations = Enumerable.Range(0, Conversations)
                .Select(i => new Conversation(i, Topic(i), client, run).RunAsync(stop.Token))
                .ToList();
            if (killAfter is { } delay)
            {
                await Task.Delay(delay);
                run.Kill(_bots[0]);
            }

            // Each conversation stops at its next turn after the deadline; a turn is bounded by the client's timeout.
            var all = Task.WhenAll(conversations);
            if (await Task.WhenAny(all, Task.Delay(duration + TimeSpan.FromSeconds(30))) != all)
            {
                throw new TimeoutException("the conversations did not stop");
            }

            await all;
            run.Finish(_nginx.AccessLog);
            return run;
        }

        private (string Question, string FollowUp) Topic(int conversation) => (conversation % 3) switch
        {
            0 => (StrikeCorpus.Question, "and Rotterdam?"),
            1 => ("Which countries did U.S. officials approach about deportation deals?", "and Rwanda?"),
            _ => (_synthetic[conversation % _synthetic.Count].Question, "and the cost?"),
        };

        public async ValueTask DisposeAsync()
        {
            // Every child process goes, whatever happened: nginx first (it would retry on dead bots), then the bots, then redis.
            var failures = new List<Exception>();
            void Try(Action action)
            {
                try
                {
                    action();
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
                {
                    failures.Add(e);
                }
            }

            Try(() => _nginx?.Dispose());
            foreach (var bot in _bots)
            {
                await bot.DisposeAsync();
            }

            foreach (var disposable in _disposables)
            {
                Try(disposable.Dispose);
            }

            Try(() => Directory.Delete(_folder, recursive: true));
            if (failures.Count > 0)
            {
                throw new AggregateException("cleaning up the cluster", failures);
            }
        }
    }

    /// <summary>One user's conversation: a question, then follow-ups that only make sense with the thread remembered, over and over.</summary>
    private sealed partial class Conversation(int number, (string Question, string FollowUp) topic, HttpClient client, Run run)
    {
        private readonly string _id = $"scaleout-{number}-{Guid.NewGuid():N}";
        private readonly Dictionary<int, string> _shown = [];
        private List<int> _lastReply = [];
        private string _question = topic.Question;
        private bool _exhausted;
        private int _turn;
        private string? _lastInstance;

        public async Task RunAsync(CancellationToken stop)
        {
            string[] script = ["question", "more", "more", "source", "more", "follow-up", "source", "more"];
            var step = 0;
            while (!stop.IsCancellationRequested)
            {
                var kind = script[step % script.Length];
                var text = kind switch { "question" => topic.Question, "follow-up" => topic.FollowUp, "source" => "source", _ => "more" };
                var reply = await SendAsync(text);
                if (reply is null)
                {
                    step = 0; // what the lost request did to the thread is unknown: start it again, as a user would
                    continue;
                }

                Check(kind, reply.Value);
                step++;
            }
        }

        private async Task<(string Text, string Instance, bool Retried, long Started)?> SendAsync(string text)
        {
            var started = run.Started();
            try
            {
                using var response = await (TestActivity.Message(text) with { Id = $"{_id}-{++_turn}", From = new("user-" + number), ConversationId = _id }).PostAsync(client);
                var upstreams = response.Headers.TryGetValues("X-Upstream", out var values) ? string.Join(", ", values) : string.Empty;
                if (!response.IsSuccessStatusCode)
                {
                    run.Fail(started, $"{(int)response.StatusCode} via [{upstreams}] for '{text}'");
                    return null;
                }

                var message = ExpectReplies.Text(await ExpectReplies.MessagesAsync(response));
                if (message.Contains("something went wrong", StringComparison.Ordinal))
                {
                    run.Fail(started, $"error reply via [{upstreams}] for '{text}'");
                    return null;
                }

                var tried = upstreams.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                run.Succeeded(started, tried);
                return (message, tried[^1], tried.Length > 1, started);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                run.Fail(started, $"{e.GetType().Name} for '{text}': {e.Message}");
                return null;
            }
        }

        private void Check(string kind, (string Text, string Instance, bool Retried, long Started) response)
        {
            var (reply, instance, retried, started) = response;
            var quotes = QuoteBlocks().Matches(reply).ToDictionary(
                m => int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture),
                m => m.Groups["text"].Value + " — " + m.Groups["where"].Value); // the same sentence can open several paragraphs: where it is tells them apart
            string? problem = null;
            if (reply.Contains(FollowUpReplies.NothingYet, StringComparison.Ordinal))
            {
                problem = "the instance had no thread to follow up on";
            }
            else
            {
                switch (kind)
                {
                    case "question" when quotes.Count == 0:
                        problem = "the question was not answered";
                        break;
                    case "question":
                        _question = topic.Question;
                        StartThread(quotes);
                        break;
                    case "follow-up" when !reply.StartsWith($"Taking that as: *{topic.Question.TrimEnd('?')}, {topic.FollowUp}*", StringComparison.Ordinal):
                        problem = "the follow-up was not read against the conversation's question";
                        break;
                    case "follow-up":
                        if (quotes.Count > 0)
                        {
                            _question = $"{topic.Question.TrimEnd('?')}, {topic.FollowUp}";
                            StartThread(quotes);
                        }

                        break;
                    case "more" when reply.StartsWith(FollowUpReplies.NoMore, StringComparison.Ordinal):
                        _exhausted = true;
                        break;
                    case "more" when _exhausted || !reply.StartsWith($"More on *{_question}*", StringComparison.Ordinal) || quotes.Count == 0:
                        problem = "'more' did not continue the conversation's question";
                        break;
                    case "more":
                        var next = _shown.Keys.DefaultIfEmpty(0).Max() + 1;
                        if (quotes.Keys.Any(_shown.ContainsKey) || quotes.Values.Any(_shown.ContainsValue) || quotes.Keys.Min() < next)
                        {
                            problem = "'more' repeated a quote";
                        }
                        else if (quotes.Keys.Min() > next)
                        {
                            // Also for a message nginx resent after its first instance died having saved
                            // the thread but not replied: the bot answers a redelivery as if it came once.
                            problem = $"'more' skipped quotes {next} to {quotes.Keys.Min() - 1}{(retried ? " (a resent request)" : string.Empty)}";
                        }

                        if (problem is null)
                        {
                            foreach (var (number, text) in quotes)
                            {
                                _shown[number] = text;
                            }

                            _lastReply = [.. quotes.Keys];
                        }

                        break;
                    case "source":
                        var numbers = SourceQuotes().Matches(reply).SelectMany(m => m.Groups["n"].Value.Split(", ")).Select(int.Parse).Order().ToList();
                        if (!reply.Contains("is from:", StringComparison.Ordinal) && !reply.Contains("are from:", StringComparison.Ordinal) || !numbers.SequenceEqual(_lastReply))
                        {
                            problem = $"'source' named quotes {string.Join(",", numbers)}, the last reply had {string.Join(",", _lastReply)}";
                        }

                        break;
                }
            }

            run.Checked(number, kind, started, instance, _lastInstance, problem is null ? null : $"conversation {number}, {kind} on {instance}: {problem}\n    {reply.Split('\n')[0]}");
            _lastInstance = instance;
            if (problem is not null)
            {
                // Start the thread again so one lost turn is counted once, not for every turn after it.
                _exhausted = false;
                _shown.Clear();
                _lastReply = [];
            }
        }

        private void StartThread(Dictionary<int, string> quotes)
        {
            _shown.Clear();
            foreach (var (number, text) in quotes)
            {
                _shown[number] = text;
            }

            _lastReply = [.. quotes.Keys];
            _exhausted = false;
        }

        // "1. “quote”" (a " [1]" marker on channels with citations), then "   — headline, byline · paragraph 2, sentence 1".
        [GeneratedRegex(@"^(?<n>\d+)\. “(?<text>.+)”.*\n\s*— (?<where>.+)$", RegexOptions.Multiline)]
        private static partial Regex QuoteBlocks();

        [GeneratedRegex(@"\(quotes? (?<n>\d+(?:, \d+)*)\)")]
        private static partial Regex SourceQuotes();
    }

    /// <summary>What happened during a run, counted as the conversations go.</summary>
    private sealed partial class Run(IReadOnlyList<int> ports)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ConcurrentDictionary<int, bool> _continued = new();
        private readonly ConcurrentBag<string> _failures = [];
        private readonly ConcurrentDictionary<string, int> _answeredBy = new();
        private readonly ConcurrentDictionary<string, int> _answeredAfterKillBy = new();
        private int _inFlight;
        private int _requests;
        private int _retried;
        private int _followUps;
        private int _followUpsAfterKill;
        private int _crossInstance;
        private readonly ConcurrentDictionary<int, string> _lastAnsweredBy = new();
        private readonly ConcurrentDictionary<int, bool> _lastOnKilledCarriedOn = new();
        private long _killedAtTicks;
        private string _accessLog = string.Empty;

        public TimeSpan? KilledAt { get; private set; }

        public string? KilledInstance { get; private set; }

        public int InFlightAtKill { get; private set; }

        public int Failed => _failures.Count;

        public ConcurrentBag<string> LostState { get; } = [];

        public int ContinuedAfterKill => _continued.Count;

        public int FollowUpsAfterKill => _followUpsAfterKill;

        public int CrossInstanceFollowUps => _crossInstance;

        /// <summary>The conversations whose last answer before the kill came from the killed instance (so it saved their thread last).</summary>
        public IReadOnlySet<int> LastOnKilled { get; private set; } = new HashSet<int>();

        /// <summary>Those of <see cref="LastOnKilled"/> whose follow-up, answered by the other instance after the kill, found the thread.</summary>
        public ICollection<int> LastOnKilledCarriedOn => _lastOnKilledCarriedOn.Keys;

        public bool AnsweredBySurvivorOnly => KilledInstance is not null && !_answeredAfterKillBy.ContainsKey(KilledInstance);

        public string Summary
        {
            get
            {
                var lines = new List<string>
                {
                    $"{_requests} requests in {_clock.Elapsed.TotalSeconds:F1} s through nginx, {Conversations} conversations, {_followUps} follow-ups checked",
                    $"answered by instance: {string.Join(", ", _answeredBy.OrderBy(p => p.Key).Select(p => $"{Name(p.Key)} {p.Value}"))}",
                    KilledAt is null
                        ? "no instance killed"
                        : $"killed instance {Name(KilledInstance!)} (SIGKILL) at {KilledAt.Value.TotalSeconds:F1} s with {InFlightAtKill} requests in flight; after it: {string.Join(", ", _answeredAfterKillBy.OrderBy(p => p.Key).Select(p => $"{Name(p.Key)} {p.Value}"))}",
                    $"failed requests: {Failed}{string.Concat(_failures.Take(5).Select(f => "\n    " + f))}",
                    $"requests resent by nginx to the other instance: {_retried}",
                    $"follow-ups that lost their conversation: {LostState.Count}; answered by another instance than the turn before: {_crossInstance}",
                    $"nginx access log: {AccessLogLine().Count(_accessLog)} requests, {AccessLogLine().Matches(_accessLog).Count(m => m.Groups["upstreams"].Value.Contains(',', StringComparison.Ordinal))} of them passed on to a second upstream",
                };
                if (KilledAt is not null)
                {
                    lines.Add($"conversations whose last answer before the kill came from the killed instance: {LastOnKilled.Count}, of which {_lastOnKilledCarriedOn.Count} carried on with a follow-up answered by the other instance");
                    lines.Add($"follow-ups sent after the kill: {_followUpsAfterKill}, in {ContinuedAfterKill} of {Conversations} conversations");
                }

                return string.Join('\n', lines);
            }
        }

        public long Started()
        {
            Interlocked.Increment(ref _inFlight);
            Interlocked.Increment(ref _requests);
            return _clock.ElapsedTicks;
        }

        public void Succeeded(long started, string[] upstreams)
        {
            Interlocked.Decrement(ref _inFlight);
            _answeredBy.AddOrUpdate(upstreams[^1], 1, (_, n) => n + 1);
            if (AfterKill(started))
            {
                _answeredAfterKillBy.AddOrUpdate(upstreams[^1], 1, (_, n) => n + 1);
            }

            if (upstreams.Length > 1)
            {
                Interlocked.Increment(ref _retried);
            }
        }

        public void Fail(long started, string what)
        {
            Interlocked.Decrement(ref _inFlight);
            _failures.Add($"{TimeSpan.FromTicks(started * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalSeconds:F2} s: {what}");
        }

        public void Checked(int conversation, string kind, long started, string instance, string? previousInstance, string? problem)
        {
            var ok = problem is null;
            if (ok)
            {
                _lastAnsweredBy[conversation] = instance;
            }

            if (problem is not null)
            {
                LostState.Add(problem);
            }

            if (kind == "question")
            {
                return;
            }

            Interlocked.Increment(ref _followUps);
            if (ok && previousInstance is not null && previousInstance != instance)
            {
                Interlocked.Increment(ref _crossInstance);
            }

            if (ok && KilledInstance is not null && instance != KilledInstance && LastOnKilled.Contains(conversation))
            {
                _lastOnKilledCarriedOn.TryAdd(conversation, true);
            }

            if (ok && AfterKill(started))
            {
                Interlocked.Increment(ref _followUpsAfterKill);
                _continued.TryAdd(conversation, true);
            }
        }

        /// <summary>SIGKILL on <paramref name="bot"/>; requests started once it has exited are "after the kill".</summary>
        public void Kill(BotProcess bot)
        {
            var killed = $"127.0.0.1:{bot.Port}";
            InFlightAtKill = Volatile.Read(ref _inFlight);
            LastOnKilled = _lastAnsweredBy.Where(p => p.Value == killed).Select(p => p.Key).ToHashSet();
            bot.KillHard();
            KilledInstance = killed;
            KilledAt = _clock.Elapsed;
            Volatile.Write(ref _killedAtTicks, _clock.ElapsedTicks);
        }

        private bool AfterKill(long started)
        {
            var killed = Volatile.Read(ref _killedAtTicks);
            return killed > 0 && started > killed;
        }

        public void Finish(string accessLog) => _accessLog = accessLog;

        // One line of the access log (log_format "upstreams" in Nginx.cs): "200 POST /api/messages upstream=[127.0.0.1:1, 127.0.0.1:2] …".
        [GeneratedRegex(@"^\d{3} \S+ \S+ upstream=\[(?<upstreams>[^\]]*)\]", RegexOptions.Multiline)]
        private static partial Regex AccessLogLine();

        private string Name(string upstream) =>
            ports.ToList().FindIndex(p => upstream.EndsWith($":{p}", StringComparison.Ordinal)) switch { 0 => "A", 1 => "B", _ => upstream };
    }
}
