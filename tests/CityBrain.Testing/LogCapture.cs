using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityBrain.Testing;

/// <summary>Everything a running host logs from the moment this is attached, for tests about what an operator sees.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public static LogCapture Attach(RunningHost host)
    {
        var capture = new LogCapture();
        host.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        return capture;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception)));
        }
    }
}

public sealed record LogEntry(LogLevel Level, string Category, string Message)
{
    public override string ToString() => $"{Level} {Category}: {Message}";
}
