using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CityBrain.Notifications.Channels;

/// <summary>A JSON body POSTed the way every HTTP channel does it: UTF-8 (Chinese unescaped, so robots count its bytes
/// as they show them), an error status or a cut-off answer reported with the start of what came back.</summary>
public static class JsonPost
{
    /// <summary>The name of the <see cref="HttpClient"/> the channels use (its timeout is <c>Notifications:SendTimeout</c>).</summary>
    public const string HttpClientName = "CityBrain.Notifications";

    private const int MaxAnswer = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The bytes <paramref name="write"/> produces between an object's braces.</summary>
    public static byte[] Body(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>POSTs <paramref name="body"/> and returns the answer's text; <see cref="DeliveryFailedException"/> on a
    /// status other than 2xx. <paramref name="channel"/> names the channel in messages (never the URL: it may hold a token).</summary>
    public static async Task<string> SendAsync(HttpClient http, Uri uri, byte[] body, string channel, Action<HttpRequestHeaders>? headers,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        headers?.Invoke(request.Headers);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var answer = await ReadBoundedAsync(response.Content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DeliveryFailedException($"{channel} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(answer)}");
        }
        return answer;
    }

    /// <summary>The start of an answer for a message: one line, at most 200 characters.</summary>
    public static string Excerpt(string answer)
    {
        var line = answer.ReplaceLineEndings(" ").Trim();
        return line.Length == 0 ? "(no body)" : line.Length <= 200 ? line : line[..200] + "…";
    }

    /// <summary>At most <see cref="MaxAnswer"/> bytes: an answer is a short status, and a hostile endpoint must not fill
    /// memory.</summary>
    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxAnswer];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0) length += read;
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
