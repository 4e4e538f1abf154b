using System.Net;
using System.Text.RegularExpressions;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>The cockpit on a host that wants a sign-in (no anonymous viewing): the sign-in page in both languages,
/// refusals in words, the way back to the view that was asked for, signing out, a session that ends under the page,
/// and the password change. Each test has a host of its own, so a changed password or a sign-out touches no other.</summary>
[Collection(CockpitCollection.Name)]
public class SignInTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task Without_a_session_the_page_asks_for_a_sign_in_says_a_wrong_password_in_words_and_then_shows_the_city()
    {
        await using var host = await RunningHost.StartAsync();
        var page = await OpenAsync("/", locale: "en-US", host: host.BaseAddress);

        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await Expect(page.Locator(".sign-in-page h1")).ToHaveTextAsync("Environmental Cockpit");
        await Expect(page.Locator(".shell-head")).ToHaveCountAsync(0);

        await SignInAsync(page, TestAdmin.UserName, "not-the-password");
        await Expect(page.Locator(".form-message")).ToHaveTextAsync("Wrong user name or password.");
        await Expect(page.Locator("#sign-in-password")).ToHaveValueAsync("");

        await SignInAsync(page, TestAdmin.UserName, TestAdmin.Password);
        await Expect(page.Locator(".map-chart svg text", new() { HasTextString = "Haidian" })).ToHaveCountAsync(1);
        await Expect(page.Locator(".shell-head .account")).ToHaveTextAsync("admin · administrator");
        await Expect(page.Locator("nav.nav a[href='/dashboard/']")).ToBeVisibleAsync();
        await ExpectConnectedAsync(page);
    }

    [BrowserFact]
    public async Task A_chinese_browser_gets_the_sign_in_page_in_chinese_and_can_switch_it_to_english()
    {
        await using var host = await RunningHost.StartAsync();
        var page = await OpenAsync("/", locale: "zh-CN", host: host.BaseAddress);

        await Expect(page.Locator("label[for=sign-in-user]")).ToHaveTextAsync("用户名");
        await Expect(page.Locator(".sign-in-form button[type=submit]")).ToHaveTextAsync("登录");
        await SignInAsync(page, "nobody", "wrong");
        await Expect(page.Locator(".form-message")).ToHaveTextAsync("用户名或密码错误。");

        await page.Locator("[data-language=en]").ClickAsync();
        await Expect(page.Locator("label[for=sign-in-user]")).ToHaveTextAsync("User name");
        await Screenshots.SaveAsync(page, "sign-in-en-1920x1080");
    }

    [BrowserFact]
    public async Task A_bookmarked_view_leads_through_the_sign_in_back_to_that_view_and_signing_out_leads_back_to_the_sign_in()
    {
        await using var host = await RunningHost.StartAsync();
        var page = await OpenAsync("/regions/chaoyang", locale: "en-US", host: host.BaseAddress);

        await Expect(page).ToHaveURLAsync(new Regex("/login\\?return=%2Fregions%2Fchaoyang$"));
        await SignInAsync(page, TestAdmin.UserName, TestAdmin.Password);
        await Expect(page.Locator(".region-view h1")).ToHaveTextAsync("Chaoyang");

        await page.Locator(".shell-head .sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        // Signed out on the host too, not only on the page.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(page, "/api/regions"));
    }

    [BrowserFact]
    public async Task A_session_that_ends_under_an_open_page_leads_to_the_sign_in_instead_of_errors()
    {
        await using var host = await RunningHost.StartAsync();
        var page = await OpenAsync("/", locale: "en-US", host: host.BaseAddress);
        await SignInAsync(page, TestAdmin.UserName, TestAdmin.Password);
        await ExpectConnectedAsync(page);

        await page.Context.ClearCookiesAsync();
        await page.Locator(".map-chart svg text", new() { HasTextString = "Chaoyang" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/login\\?return=%2Fregions%2Fchaoyang$"));
        await Expect(page.Locator(".sign-in-page")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task The_account_page_changes_the_password_after_checking_it_and_the_new_one_signs_in()
    {
        await using var host = await RunningHost.StartAsync();
        var page = await OpenAsync("/", locale: "en-US", host: host.BaseAddress);
        await SignInAsync(page, TestAdmin.UserName, TestAdmin.Password);
        await page.Locator(".shell-head .account").ClickAsync();
        await Expect(page.Locator(".account-view h1")).ToHaveTextAsync("My account");

        await ChangePasswordAsync(page, TestAdmin.Password, "short", "short");
        await Expect(page.Locator(".account-view .form-message")).ToContainTextAsync("12");
        await ChangePasswordAsync(page, TestAdmin.Password, "a-new-long-password", "a-different-one!");
        await Expect(page.Locator(".account-view .form-message")).ToHaveTextAsync("The two new passwords differ.");
        await ChangePasswordAsync(page, TestAdmin.Password, "a-new-long-password", "a-new-long-password");
        await Expect(page.Locator(".account-view .form-message")).ToHaveTextAsync("Password changed.");

        await page.Locator(".shell-head .sign-out").ClickAsync();
        await SignInAsync(page, TestAdmin.UserName, TestAdmin.Password);
        await Expect(page.Locator(".form-message")).ToHaveTextAsync("Wrong user name or password.");
        await SignInAsync(page, TestAdmin.UserName, "a-new-long-password");
        await Expect(page.Locator(".shell-head .account")).ToHaveTextAsync("admin · administrator");
    }

    [BrowserFact]
    public async Task An_anonymous_viewer_reads_the_city_without_the_dashboard_and_may_sign_in_from_the_header()
    {
        await using var host = await RunningHost.StartAsync(extraArgs: "--Auth:AnonymousViewing=true");
        var page = await OpenAsync("/ops", locale: "en-US", host: host.BaseAddress);

        await Expect(page.Locator(".ops-view h1")).ToHaveTextAsync("Ingest operations");
        await Expect(page.Locator("nav.nav a[href='/dashboard/']")).ToBeHiddenAsync();
        await Expect(page.Locator(".ops-view a[href='/dashboard/']")).ToHaveCountAsync(0);
        await Expect(page.Locator(".shell-head .account")).ToBeHiddenAsync();

        await page.Locator(".shell-head .sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?return=%2Fops$"));
        await SignInAsync(page, TestAdmin.UserName, TestAdmin.Password);
        await Expect(page.Locator(".ops-view a[href='/dashboard/']")).ToBeVisibleAsync();
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.Locator("#sign-in-user").FillAsync(userName);
        await page.Locator("#sign-in-password").FillAsync(password);
        await page.Locator(".sign-in-form button[type=submit]").ClickAsync();
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string next, string again)
    {
        await page.Locator("#current-password").FillAsync(current);
        await page.Locator("#new-password").FillAsync(next);
        await page.Locator("#repeat-password").FillAsync(again);
        await page.Locator(".password-form button[type=submit]").ClickAsync();
    }

    private static async Task<HttpStatusCode> StatusOfAsync(IPage page, string path) =>
        (HttpStatusCode)await page.EvaluateAsync<int>("async path => (await fetch(path)).status", path);
}
