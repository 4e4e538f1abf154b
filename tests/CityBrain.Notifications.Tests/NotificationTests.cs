namespace CityBrain.Notifications.Tests;

public sealed class NotificationTests
{
    [Theory]
    [InlineData("case 17", "notification key 'case 17' must be 1-200 of letters, digits")]
    [InlineData("case-17/x", "notification key 'case-17/x' must be")]
    [InlineData("", "notification key '' must be")]
    public void A_key_that_is_no_url_segment_is_refused(string key, string message) =>
        Assert.StartsWith(message, (Samples.Critical() with { Key = key }).Problem());

    [Fact]
    public void A_missing_title_or_a_relative_link_is_named_with_the_key()
    {
        Assert.Equal("notification case-17:dispatched: the title must be 1-200 characters", (Samples.Critical() with { Title = " " }).Problem());
        Assert.Equal("notification case-17:dispatched: the link '/cases/17' must be an absolute http or https URL",
            (Samples.Critical() with { Link = new Uri("/cases/17", UriKind.Relative) }).Problem());
        Assert.Null(Samples.Critical().Problem());
    }
}
