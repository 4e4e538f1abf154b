namespace CityBrain.Tls;

/// <summary>A certificate, key or CA file that cannot be used; the message names the file and what is wrong with it.</summary>
public sealed class CertificateFileException(string file, string problem, Exception? inner = null)
    : Exception($"{file}: {problem}", inner)
{
    public string File { get; } = file;

    public string Problem { get; } = problem;
}
