namespace CityBrain.Notifications;

/// <summary>The mail server e-mail recipients are reached through (<c>Notifications:Smtp</c>); required once a recipient
/// uses e-mail. The password belongs in the environment (<c>Notifications__Smtp__Password</c>), never on a command line.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Signs in when set, with <see cref="Password"/>.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>CityBrain &lt;citybrain@example.gov.cn&gt;</c>.</summary>
    public string? From { get; set; }
}

public enum SmtpSecurity
{
    /// <summary>Plain SMTP, upgraded with STARTTLS, which the server must offer (submission, port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>No encryption: only for a relay on the same machine or a trusted network.</summary>
    None,
}
