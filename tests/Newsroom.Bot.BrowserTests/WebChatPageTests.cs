using System.Text.Json;
using Microsoft.Playwright;
using Newsroom.Testing;

namespace Newsroom.Bot.BrowserTests;

public sealed class WebChatPageTests : IAsyncLifetime
{
    private const string SeedQuestion = "Which countries did U.S. officials approach about deportation deals?";
    private const string SeedHeadline = "U.S. officials say the Trump administration may soon deport immigrants to Libya.";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly WebChatHost _host = new();
    private readonly List<string> _pageErrors = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        SystemPackages.Require("chromium");
        _host.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _host.DisposeAsync();
    }

    [SystemFact("chromium")]
    public async Task A_question_on_the_page_gets_a_cited_answer_whose_link_opens_in_a_new_tab()
    {
        var page = await OpenAsync(await NewContextAsync());
        await WelcomeAsync(page);

        await AskAsync(page, SeedQuestion);
        var answer = await BotMessageAsync(page, "Angola, Benin, Esvatini, Moldova and Rwanda");
        // The seed article has no link: its citation is a button that opens the quote.
        // Several quotes may come from the seed article; the first reference is the best quote's.
        var seedReference = answer.Locator(".webchat__link-definitions__list-item-text", new() { HasText = SeedHeadline }).First;
        await Expect(seedReference);

        await AskAsync(page, "When did the harbor pilots end their strike?");
        var linked = await BotMessageAsync(page, "ended their strike on Tuesday");
        var link = linked.Locator($"a[href='{WebChatHost.LinkedUrl}']").Last;
        await Expect(link);
        Assert.Equal("_blank", await link.GetAttributeAsync("target"));
        Assert.Contains("noopener", await link.GetAttributeAsync("rel") ?? string.Empty);
        await Expect(linked.Locator(".webchat__link-definitions__list-item-text", new() { HasText = WebChatHost.LinkedTitle }).First);

        var screenshots = Directory.CreateDirectory(Path.Combine(Repository.Root, "artifacts", "browser-tests")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "webchat-cited-answer.png") });

        // A citation without a link opens the quote and where it is from, in Web Chat's citation dialog.
        await seedReference.ClickAsync();
        var dialog = page.Locator(".webchat__citation-modal-dialog");
        await Expect(dialog.GetByText("paragraph 13, sentence 1"));
        await Expect(dialog.GetByText("Esvatini, Moldova and Rwanda"));
        Assert.Empty(_pageErrors);
    }

    [SystemFact("chromium")]
    public async Task Each_page_load_is_a_conversation_of_its_own()
    {
        var context = await NewContextAsync();
        var first = await context.NewPageAsync();
        var firstConversation = await OpenAndGetConversationAsync(first);
        var second = await context.NewPageAsync();
        var secondConversation = await OpenAndGetConversationAsync(second);
        Assert.NotEqual(firstConversation, secondConversation);
        await WelcomeAsync(first);
        await WelcomeAsync(second);

        await AskAsync(first, SeedQuestion);
        await BotMessageAsync(first, "Angola, Benin, Esvatini, Moldova and Rwanda");
        Assert.Equal(0, await second.GetByText("Angola, Benin").CountAsync());

        var reloadedConversation = await OpenAndGetConversationAsync(first, reload: true);
        Assert.NotEqual(firstConversation, reloadedConversation);
        await WelcomeAsync(first);
        Assert.Equal(0, await first.GetByText("Angola, Benin").CountAsync());
        Assert.Empty(_pageErrors);
    }

    private async Task<IBrowserContext> NewContextAsync() =>
        await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 900 }, Locale = "en-US" });

    private async Task<IPage> OpenAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await OpenAndGetConversationAsync(page);
        return page;
    }

    /// <summary>Loads (or reloads) the page and returns the conversation id the page's token was issued for.</summary>
    private async Task<string> OpenAndGetConversationAsync(IPage page, bool reload = false)
    {
        Watch(page);
        var token = page.WaitForResponseAsync(response => response.Url.EndsWith("/webchat/token", StringComparison.Ordinal));
        if (reload)
        {
            await page.ReloadAsync();
        }
        else
        {
            await page.GotoAsync(_host.BaseUrl);
        }

        using var body = JsonDocument.Parse(await (await token).TextAsync());
        return body.RootElement.GetProperty("conversationId").GetString()!;
    }

    /// <summary>Any script error or Content-Security-Policy violation on the page fails the test.</summary>
    private void Watch(IPage page)
    {
        if (page.Url != "about:blank")
        {
            return;
        }

        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _pageErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _pageErrors.Add(error);
    }

    private static async Task WelcomeAsync(IPage page) =>
        await Expect(page.Locator(".webchat__basic-transcript__activity", new() { HasText = "I answer questions from the newsroom" }));

    private static async Task AskAsync(IPage page, string question)
    {
        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(question);
        await input.PressAsync("Enter");
    }

    private static async Task<ILocator> BotMessageAsync(IPage page, string text)
    {
        var message = page.Locator(".webchat__basic-transcript__activity", new() { HasText = text }).Last;
        await Expect(message);
        return message;
    }

    private static Task Expect(ILocator locator) =>
        Assertions.Expect(locator).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
}
