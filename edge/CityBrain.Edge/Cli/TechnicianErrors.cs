using CityBrain.Edge.Configuration;
using CityBrain.Edge.Hosting;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Sensors;
using Microsoft.Extensions.Options;

namespace CityBrain.Edge.Cli;

/// <summary>Turns the mistakes a technician can make into one sentence on standard error and an exit code.</summary>
internal static class TechnicianErrors
{
    /// <summary>Whether <paramref name="ex"/> is a known mistake (anything else is a bug and keeps its stack trace).</summary>
    public static bool IsKnown(Exception ex) => Classify(ex) is not null;

    public static int Report(Exception ex, string command, TextWriter error)
    {
        var (code, message) = Describe(ex);
        return Say(error, command, message, code);
    }

    /// <summary>The exit code and sentence for <paramref name="ex"/>.</summary>
    public static (int Code, string Message) Describe(Exception ex) => Classify(ex) ?? (ExitCodes.Failed, ex.Message);

    /// <summary>Writes <c>citybrain-edge COMMAND: sentence.</c> and returns <paramref name="code"/>.</summary>
    public static int Say(TextWriter error, string command, string sentence, int code)
    {
        error.WriteLine($"citybrain-edge {command}: {sentence.TrimEnd('.')}.");
        return code;
    }

    private static (int Code, string Message)? Classify(Exception ex) => ex switch
    {
        ConfigurationException => (ExitCodes.Configuration, ex.Message),
        OptionsValidationException validation => (ExitCodes.Configuration, $"the configuration is not usable: {string.Join("; ", validation.Failures)}"),
        OutboxException => (ExitCodes.Configuration, ex.Message),
        HardwareAccessException => (ExitCodes.Hardware, ex.Message),
        DataDirectoryInUseException => (ExitCodes.AlreadyRunning, ex.Message),
        DataDirectoryUnusableException => (ExitCodes.Configuration, ex.Message),
        // The runtime's message names the file ("Access to the path '…' is denied").
        UnauthorizedAccessException => (ExitCodes.Configuration,
            $"{ex.Message.TrimEnd('.')}: the gateway's files must be readable by the user running this command; the service user {ServiceAccount.User} and its group can read them once 'sudo citybrain-edge install' has set them up (add yourself with 'sudo usermod -aG {ServiceAccount.Group} $USER'), or use sudo"),
        _ => null,
    };
}
