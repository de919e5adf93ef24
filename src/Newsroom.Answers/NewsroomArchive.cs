using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newsroom.Answers.Answering;
using Newsroom.Answers.Corpus;
using Newsroom.Answers.Indexing;
using Newsroom.Answers.Retrieval;

namespace Newsroom.Answers;

/// <summary>
/// The newsroom's archive, as a host uses it: answers questions with cited sentences from the
/// reporting, pages through an answer ("more"), shows the paragraph around a quote ("context") and
/// where an article came from ("source"), answers questions about the archive itself ("what did we
/// publish today?", "latest on Libya"), says what it holds, and keeps its index in step with the
/// corpus folder. Opening an index that is damaged replaces it with an empty one (see
/// <see cref="Damage"/>); until the first indexing pass has ended on such an index the archive is
/// <see cref="IsRebuilding"/>. Thread-safe: questions are answered while a pass runs, from the last
/// committed index.
/// </summary>
public sealed class NewsroomArchive : IDisposable
{
    private readonly NewsAnalyzer _analyzer;
    private readonly ArticleIndex _index;
    private readonly CorpusFolder _corpus;
    private readonly CorpusIndexer _indexer;
    private readonly QuestionAnswerer _answerer;
    private readonly ArchiveQuestions _questions;
    private readonly ArticleLookup _articles;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _problem;
    private volatile string? _problemKind;

    // True once a pass has succeeded on the index as it is now (reset when a damaged index is replaced).
    private volatile bool _built;

    private NewsroomArchive(NewsAnalyzer analyzer, ArticleIndex index, ArchiveSettings settings, string? damage)
    {
        _analyzer = analyzer;
        _index = index;
        _corpus = new CorpusFolder(settings.CorpusFolder, settings.MaxFileBytes);
        _logger = (settings.Logging ?? NullLoggerFactory.Instance).CreateLogger<NewsroomArchive>();
        _indexer = new CorpusIndexer(new SentenceSplitter(), (settings.Logging ?? NullLoggerFactory.Instance).CreateLogger<CorpusIndexer>());
        _answerer = new QuestionAnswerer(index, settings.Answers);
        _questions = new ArchiveQuestions(_answerer, index, settings.Answers, settings.Time);
        _articles = new ArticleLookup(index);
        Damage = damage;
    }

    /// <summary>
    /// Opens the archive whose index is in <paramref name="indexFolder"/> (created when missing). An
    /// index that cannot be opened (files missing, truncated or garbled) is replaced by an empty one,
    /// to be rebuilt from the corpus by <see cref="IndexCorpus"/>; <see cref="Damage"/> then says what was wrong.
    /// </summary>
    /// <exception cref="IndexInUseException">Another process holds the index.</exception>
    public static NewsroomArchive OpenFolder(string indexFolder, ArchiveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var analyzer = new NewsAnalyzer();
        ArticleIndex index;
        string? damage;
        try
        {
            index = ArticleIndex.OpenFolder(indexFolder, analyzer, settings.Encoder, out damage);
        }
        catch
        {
            analyzer.Dispose();
            throw;
        }

        return new NewsroomArchive(analyzer, index, settings, damage);
    }

    /// <summary>Opens an empty archive whose index lives in memory (tests, evaluation, a throw-away host).</summary>
    public static NewsroomArchive InMemory(ArchiveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var analyzer = new NewsAnalyzer();
        return new NewsroomArchive(analyzer, ArticleIndex.InMemory(analyzer, settings.Encoder), settings, damage: null);
    }

    /// <summary>The corpus folder's absolute path.</summary>
    public string CorpusFolder => _corpus.Path;

    /// <summary>Why the index on disk could not be opened and was replaced by an empty one, if it could not.</summary>
    public string? Damage { get; }

    /// <summary>True once the first indexing pass since the archive was opened has ended (well or not).</summary>
    public bool IsReady => _firstPass.Task.IsCompleted;

    /// <summary>Completes when the first indexing pass since the archive was opened has ended.</summary>
    public Task FirstPass => _firstPass.Task;

    /// <summary>
    /// True while there is nothing to answer from yet: no article is indexed and no pass has
    /// succeeded on the index as it is (first start, a damaged index being rebuilt, or a first pass
    /// that failed, a full disk, and is being retried).
    /// </summary>
    public bool IsRebuilding => !_built && ArticleCount == 0;

    /// <summary>
    /// Whether the archive can answer now, and why not, in words fit for a health check: no paths
    /// and no exception text (those are in the log). Not healthy while nothing can be answered
    /// (<see cref="IsRebuilding"/>) or while the index on disk is damaged (a file of its last commit
    /// is gone: the next pass rebuilds it).
    /// </summary>
    public ArchiveHealth Health()
    {
        if (_index.FindDamage() is not null)
        {
            return new ArchiveHealth(false, "damaged", "the index on disk is damaged (files are missing); the next indexing pass rebuilds it from the corpus");
        }

        if (IsRebuilding)
        {
            return new ArchiveHealth(false, "rebuilding", _problemKind is { } kind
                ? $"the index is being built, and the last attempt failed ({kind}); retrying"
                : "the index is being built from the corpus");
        }

        return new ArchiveHealth(true, "ok", _problemKind is { } failed ? $"the last indexing pass failed ({failed}); still serving the last good index" : null);
    }

    /// <summary>What went wrong in the last indexing pass, cleared by the next pass that succeeds.</summary>
    public string? Problem => _problem;

    /// <summary>How many articles can be cited now.</summary>
    public int ArticleCount => _index.ArticleCount;

    /// <summary>How many sentences can be cited now.</summary>
    public int SentenceCount => _index.SentenceCount;

    /// <summary>Bytes the index takes on disk (or in memory).</summary>
    public long SizeInBytes => _index.SizeInBytes;

    /// <summary>The index behind the archive, for tests and measurements of the library itself.</summary>
    internal ArticleIndex Index => _index;

    /// <summary>What the archive holds, how big its index is, and when it last changed.</summary>
    public ArchiveStatistics Statistics()
    {
        var manifest = _index.Manifest;
        return new ArchiveStatistics(
            _index.ArticleCount,
            _index.SentenceCount,
            manifest.Values.Count(entry => entry.Sentences > 0),
            manifest.Values.Count(entry => entry.SkipReason is not null),
            manifest.Values.Sum(entry => entry.Articles.Count(a => a.DuplicateOf is not null)),
            _index.SizeInBytes,
            _index.Encoder?.Name,
            _index.LastCommitUtc);
    }

    /// <summary>
    /// Answers a chat message, whatever kind it is: a question about the reporting, one limited by
    /// date or source ("what did we report in May 2025 about deportations?"), or one about the
    /// archive itself ("what articles do you have?", "latest on Libya"). Never throws for any text.
    /// </summary>
    public Answer Ask(string? question) => _questions.Ask(question);

    /// <summary>
    /// The next page of an answer ("more"): the next best sentences for <paramref name="question"/>
    /// within the same limit (<paramref name="scope"/>, from <see cref="Answer.Scope"/>, or null),
    /// or for a listing of articles the next older articles, leaving out what
    /// <paramref name="alreadyCited"/> holds and numbered after it. Not found when nothing good
    /// enough is left.
    /// </summary>
    public Answer More(string question, AnswerScope? scope, IEnumerable<CitedSentence> alreadyCited)
    {
        ArgumentNullException.ThrowIfNull(alreadyCited);
        return scope is { Kind: not ScopeKind.Limited } listing
            ? _questions.More(question, listing, alreadyCited.Select(c => c.ArticleKey).ToHashSet(StringComparer.Ordinal))
            : _answerer.Ask(scope?.Topic ?? question, scope?.Filter.ToLuceneFilter(), alreadyCited.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// The analysed terms of <paramref name="question"/> (stop and question words removed, stemmed):
    /// what a conversation remembers of the question it is following up.
    /// </summary>
    public IReadOnlyList<string> Terms(string? question) => _answerer.Terms(question);

    /// <summary>Paragraph <paramref name="number"/> of article <paramref name="articleKey"/> ("context"), or null when the index has no such paragraph.</summary>
    public ArticleParagraph? Paragraph(string articleKey, int number) => _articles.Paragraph(articleKey, number);

    /// <summary>The headline, byline, source, date and link of article <paramref name="articleKey"/> ("source"), or null when it is not indexed.</summary>
    public ArticleSource? Source(string articleKey) => _articles.Source(articleKey);

    /// <summary>A headline to suggest a question about: the first article's in the index, or null when it is empty.</summary>
    public string? ExampleHeadline() => _articles.FirstHeadline();

    /// <summary>
    /// One indexing pass: brings the index in line with the corpus folder (new and changed files
    /// indexed, deleted ones removed) and commits; questions keep being answered from the last commit
    /// meanwhile. Files modified less than <paramref name="settleTime"/> ago are left for a later
    /// pass, so a file still being copied in is never indexed half. When <paramref name="changedPaths"/>
    /// is given, only those files and folders are looked at. <paramref name="progress"/> hears
    /// (files done, files in total). A pass that fails leaves the last good index serving, records
    /// <see cref="Problem"/> and throws.
    /// </summary>
    public IndexReport IndexCorpus(TimeSpan settleTime = default, IProgress<(int Done, int Total)>? progress = null, IReadOnlyCollection<string>? changedPaths = null, CancellationToken cancellationToken = default)
    {
        try
        {
            if (_index.FindDamage() is { } damage)
            {
                // Files of the commit being served were deleted under the running bot: an update on
                // top of them would count every lost article as unchanged. Start again from the corpus.
                _logger.LogWarning("The index is damaged ({Damage}); rebuilding it from the corpus", damage);
                _built = false;
                _index.Recreate();
                changedPaths = null;
            }

            var report = _indexer.Synchronize(_corpus, _index, settleTime, progress, changedPaths, cancellationToken);
            _problem = null;
            _problemKind = null;
            _built = true;
            _firstPass.TrySetResult();
            return report;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // stopped, not failed
        }
        catch (Exception e)
        {
            _problem = Describe(e);
            _problemKind = Kind(e);
            _firstPass.TrySetResult();
            throw;
        }
    }

    /// <summary>A failed pass's cause in words staff can act on.</summary>
    private static string Describe(Exception e) =>
        (e is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : e) switch
        {
            IOException io => $"disk or file error: {io.Message}",
            UnauthorizedAccessException denied => $"permission denied: {denied.Message}",
            var other => $"{other.GetType().Name}: {other.Message}",
        };

    /// <summary>A failed pass's cause in a few words, without paths or exception text.</summary>
    private static string Kind(Exception e) =>
        (e is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : e) switch
        {
            IOException => "a disk or file error",
            UnauthorizedAccessException => "permission denied",
            _ => "an indexing error",
        };

    /// <inheritdoc />
    public void Dispose()
    {
        _index.Dispose();
        _analyzer.Dispose();
    }
}
