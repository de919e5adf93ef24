using Microsoft.Extensions.DependencyInjection;
using Newsroom.Answers;
using Newsroom.Answers.Indexing;
using Newsroom.Bot.Composition;

namespace Newsroom.Bot.Tests;

/// <summary>Index:Semantic, the optional meaning model, as a deployment turns it on.</summary>
public sealed class SemanticSettingTests
{
    [Fact]
    public async Task With_index_semantic_on_the_bot_indexes_meaning_vectors_and_answers_with_citations()
    {
        await using var host = new BotHost(settings: new() { ["Index:Semantic"] = "true" });
        var client = host.CreateClient();

        var text = await ExpectReplies.AskAsync(client, "Which countries did U.S. officials approach about deportation deals?");

        var index = host.Services.GetRequiredService<NewsroomArchive>().Index;
        Assert.NotNull(index.Encoder);
        Assert.True(index.SentenceCount > 0);
        Assert.True(index.Search(searcher => searcher.IndexReader.Leaves.All(leaf => leaf.AtomicReader.GetBinaryDocValues(SentenceFields.Meaning) is not null)),
            "every segment carries meaning vectors");
        Assert.Contains("Angola, Benin, Esvatini, Moldova and Rwanda", text);
    }

    [Fact]
    public async Task By_default_there_is_no_model_and_the_index_has_no_meaning_vectors()
    {
        await using var host = new BotHost();
        _ = host.CreateClient();

        Assert.Null(host.Services.GetRequiredService<MeaningModel>().Encoder);
        var index = host.Services.GetRequiredService<NewsroomArchive>().Index;
        Assert.Null(index.Encoder);
        Assert.True(index.Search(searcher => searcher.IndexReader.Leaves.All(leaf => leaf.AtomicReader.GetBinaryDocValues(SentenceFields.Meaning) is null)));
    }
}
