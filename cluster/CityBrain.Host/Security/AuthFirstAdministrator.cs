using CityBrain.Host.Hosting;
using CityBrain.Storage.Accounts;
using CityBrain.Storage.Credentials;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Security;

/// <summary>On a first start (no user at all) creates the administrator <c>admin</c>, with the password of
/// <see cref="AuthOptions.InitialAdminPasswordFile"/> or a random one written to <c>initial-admin-password</c> (mode 0600)
/// in the data directory and announced on the console at every start until admin's password is changed, which removes
/// the file.</summary>
public sealed partial class AuthFirstAdministrator(
    IUserStore users, IOptions<AuthOptions> options, IOptions<CityBrainOptions> host, TimeProvider time, ILogger<AuthFirstAdministrator> logger)
    : IHostedService
{
    public const string UserName = "admin";
    public const string PasswordFileName = "initial-admin-password";

    private string PasswordFile => Path.GetFullPath(host.Value.DataPath(PasswordFileName));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.AnyAsync(cancellationToken))
        {
            // Until the first password is changed, every start says how to sign in (the demo's one command relies on it).
            if (File.Exists(PasswordFile)) await AnnounceAsync();
            return;
        }
        var supplied = string.IsNullOrWhiteSpace(options.Value.InitialAdminPasswordFile) ? null : options.Value.InitialAdminPasswordFile;
        var password = supplied is null ? PasswordHashing.NewPassword() : await ReadSuppliedAsync(supplied, cancellationToken);
        var now = time.GetUtcNow();
        // Nodes of a cluster starting together may all get here; the store lets one of them create the user.
        if (!await users.AddAsync(new UserAccount(UserName, Roles.Administrator, [], false, PasswordHashing.Hash(password), now, now), cancellationToken))
        {
            return;
        }
        if (supplied is not null)
        {
            LogCreatedFromFile(UserName, supplied);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(PasswordFile)!);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        // A file left from an earlier data directory's first start would keep its old mode and owner: start afresh.
        File.Delete(PasswordFile);
        await using (var file = new FileStream(PasswordFile, create))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync(password);
        }
        LogCreated(UserName, PasswordFile);
        await AnnounceAsync();
    }

    private Task AnnounceAsync() => Console.Out.WriteLineAsync(
        $"citybrain: sign in as '{UserName}' with the password in {PasswordFile} (readable only by this user; it is deleted once you change that password)");

    /// <summary>Called whenever a user's password is set: the first administrator's file has served its purpose.</summary>
    public void PasswordChanged(string userName)
    {
        if (userName != UserName || !File.Exists(PasswordFile)) return;
        File.Delete(PasswordFile);
        LogFileRemoved(PasswordFile);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<string> ReadSuppliedAsync(string path, CancellationToken cancellationToken)
    {
        string password;
        try
        {
            password = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HostConfigurationException([$"Auth:InitialAdminPasswordFile: cannot read {path}: {ex.Message}"]);
        }
        var problem = AuthPasswords.Problem("the password in Auth:InitialAdminPasswordFile", password);
        return problem is null ? password : throw new HostConfigurationException([problem]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: created the administrator {UserName}; its password is in {PasswordFile} until it is changed")]
    private partial void LogCreated(string userName, string passwordFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: created the administrator {UserName} with the password of {PasswordFile}")]
    private partial void LogCreatedFromFile(string userName, string passwordFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "The first administrator's password was changed: removed {PasswordFile}")]
    private partial void LogFileRemoved(string passwordFile);
}
