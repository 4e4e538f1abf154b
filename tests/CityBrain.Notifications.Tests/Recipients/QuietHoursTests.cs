using CityBrain.Notifications.Recipients;

namespace CityBrain.Notifications.Tests.Recipients;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    // Shanghai is UTC+8: 22:00-07:00 local is 14:00-23:00 UTC.
    [InlineData("22:00-07:00", "2026-12-07T15:00:00Z", "2026-12-07T23:00:00Z")]
    [InlineData("22:00-07:00", "2026-12-07T14:00:00Z", "2026-12-07T23:00:00Z")]
    [InlineData("22:00-07:00", "2026-12-07T20:30:00Z", "2026-12-07T23:00:00Z")]
    [InlineData("22:00-07:00", "2026-12-07T23:00:00Z", null)]
    [InlineData("22:00-07:00", "2026-12-07T06:00:00Z", null)]
    [InlineData("12:00-13:30", "2026-12-07T04:10:00Z", "2026-12-07T05:30:00Z")]
    [InlineData("12:00-13:30", "2026-12-07T05:30:00Z", null)]
    public void A_moment_in_quiet_hours_is_held_until_they_end_in_the_recipients_zone(string hours, string now, string? end)
    {
        Assert.True(QuietHours.TryParse(hours, Shanghai, out var quiet));

        Assert.Equal(end is null ? null : DateTimeOffset.Parse(end), quiet!.EndOf(DateTimeOffset.Parse(now)));
    }

    [Fact]
    public void Quiet_hours_that_end_in_a_daylight_saving_gap_end_when_the_clock_lands()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // 2026-03-29 02:00 does not exist in Berlin: clocks go from 02:00 CET to 03:00 CEST (01:00 UTC).
        Assert.True(QuietHours.TryParse("22:00-02:30", berlin, out var quiet));

        Assert.Equal(DateTimeOffset.Parse("2026-03-29T01:30:00Z"), quiet!.EndOf(DateTimeOffset.Parse("2026-03-28T23:00:00Z")));
    }

    [Theory]
    [InlineData("22:00")]
    [InlineData("22:00-22:00")]
    [InlineData("25:00-07:00")]
    [InlineData("10pm-7am")]
    public void Text_that_is_not_two_different_times_is_refused(string text) =>
        Assert.False(QuietHours.TryParse(text, Shanghai, out _));

    [Fact]
    public void A_critical_notification_breaks_through_only_where_the_recipient_allows_it()
    {
        Assert.True(QuietHours.TryParse("22:00-07:00", Shanghai, out var quiet));
        var night = DateTimeOffset.Parse("2026-12-07T19:00:00Z");
        var director = new Recipient("director", "Director", ChannelKind.Email, "d@example.gov.cn", null, quiet, true);
        var duty = director with { Id = "duty", CriticalBreaksQuietHours = false };

        Assert.Null(director.HeldUntil(NotificationSeverity.Critical, night));
        Assert.NotNull(director.HeldUntil(NotificationSeverity.Warning, night));
        Assert.NotNull(duty.HeldUntil(NotificationSeverity.Critical, night));
    }
}
