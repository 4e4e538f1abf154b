using Microsoft.Extensions.Logging;

namespace CityBrain.Tls;

/// <summary>The server certificate from a PEM chain file and a PEM key file, replaced without a restart when the files
/// are renewed. Each new TLS connection asks for <see cref="Current"/>; connections already open keep theirs. A file
/// watcher notices a renewal at once, a periodic check catches what the watcher misses (network file systems, a
/// renamed folder); both wait <see cref="Debounce"/> so that a chain and a key written one after the other are read
/// together. A renewal that cannot be used is logged with the file and the problem, and the current certificate
/// stays.</summary>
public sealed partial class ReloadingCertificate : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(1);

    private readonly string _certificateFile;
    private readonly string _keyFile;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _periodic;
    private readonly ITimer _debounced;
    private FileStamp _seen;
    private ServerCertificate _current;

    /// <exception cref="CertificateFileException">The files cannot be used now: a host does not start with them.</exception>
    public ReloadingCertificate(string certificateFile, string keyFile, TimeSpan checkInterval, TimeProvider time, ILogger logger)
    {
        (_certificateFile, _keyFile, _time, _logger) = (Path.GetFullPath(certificateFile), Path.GetFullPath(keyFile), time, logger);
        _seen = FileStamp.Of(_certificateFile, _keyFile);
        _current = PemFiles.LoadChainWithKey(_certificateFile, _keyFile, time.GetUtcNow());
        LogLoaded(_current, _certificateFile);
        _debounced = time.CreateTimer(_ => Check(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _periodic = time.CreateTimer(_ => Check(), null, checkInterval, checkInterval);
        foreach (var folder in new[] { _certificateFile, _keyFile }.Select(Path.GetDirectoryName).Distinct())
        {
            var watcher = new FileSystemWatcher(folder!) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    /// <summary>The certificate for the next handshake.</summary>
    public ServerCertificate Current => Volatile.Read(ref _current);

    /// <summary>Raised after a renewed certificate replaced the current one.</summary>
    public event Action<ServerCertificate>? Renewed;

    /// <summary>Raised when changed files could not be used (the message names the file); the current certificate stays.</summary>
    public event Action<string>? RenewalRefused;

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (e.FullPath == _certificateFile || e.FullPath == _keyFile) _debounced.Change(Debounce, Timeout.InfiniteTimeSpan);
    }

    private void Check()
    {
        ServerCertificate? renewed = null;
        string? refusal = null;
        lock (_lock)
        {
            var stamp = FileStamp.Of(_certificateFile, _keyFile);
            if (stamp == _seen) return;
            _seen = stamp;
            try
            {
                renewed = PemFiles.LoadChainWithKey(_certificateFile, _keyFile, _time.GetUtcNow());
                Volatile.Write(ref _current, renewed);
                LogRenewed(renewed, _certificateFile);
            }
            catch (CertificateFileException ex)
            {
                refusal = ex.Message;
                LogRenewalRefused(ex.File, ex.Problem, _current);
            }
        }
        if (renewed is not null) Renewed?.Invoke(renewed);
        if (refusal is not null) RenewalRefused?.Invoke(refusal);
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _periodic.Dispose();
        _debounced.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate {Certificate} loaded from {CertificateFile}")]
    private partial void LogLoaded(ServerCertificate certificate, string certificateFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate renewed from {CertificateFile}: new connections get {Certificate}")]
    private partial void LogRenewed(ServerCertificate certificate, string certificateFile);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Renewed TLS files not used, {File}: {Problem}. Still serving {Certificate}; fix the file and it is picked up without a restart")]
    private partial void LogRenewalRefused(string file, string problem, ServerCertificate certificate);

    /// <summary>What changes when either file is rewritten, without reading it.</summary>
    private readonly record struct FileStamp(DateTime CertificateWritten, long CertificateLength, DateTime KeyWritten, long KeyLength)
    {
        public static FileStamp Of(string certificateFile, string keyFile)
        {
            var (certificate, key) = (new FileInfo(certificateFile), new FileInfo(keyFile));
            return new FileStamp(
                certificate.Exists ? certificate.LastWriteTimeUtc : default, certificate.Exists ? certificate.Length : -1,
                key.Exists ? key.LastWriteTimeUtc : default, key.Exists ? key.Length : -1);
        }
    }
}
