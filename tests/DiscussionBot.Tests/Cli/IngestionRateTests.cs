using DiscussionBot.Cli;
using Microsoft.Extensions.Time.Testing;

namespace DiscussionBot.Tests.Cli;

public sealed class IngestionRateTests
{
    [Fact]
    public void Describe_MeasuresFromFirstReportIgnoringDocumentsSkippedBefore()
    {
        var time = new FakeTimeProvider();
        var rate = new IngestionRate(time);

        string first = rate.Describe(20, 120);
        time.Advance(TimeSpan.FromSeconds(10));
        string later = rate.Describe(70, 120);

        Assert.Equal("20/120 documents", first);
        Assert.Equal("70/120 documents · 5/s · about 10s left", later);
    }

    [Fact]
    public void Describe_Finished_NoTimeLeft()
    {
        var time = new FakeTimeProvider();
        var rate = new IngestionRate(time);
        rate.Describe(0, 3000);
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("3,000/3,000 documents · 25/s", rate.Describe(3000, 3000));
    }

    [Theory]
    [InlineData(0.2, "1s")]
    [InlineData(75, "1m 15s")]
    [InlineData(7500, "2h 05m")]
    public void FormatDuration_ReadableUnits(double seconds, string expected)
    {
        Assert.Equal(expected, IngestionRate.FormatDuration(TimeSpan.FromSeconds(seconds)));
    }
}
