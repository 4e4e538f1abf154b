using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CityBrain.Host.Cockpit;

/// <summary>Serves the Brotli or gzip copy the page's build wrote beside a file (<c>app.js.br</c>, <c>app.js.gz</c>) to a
/// browser that accepts it: the first load is a fraction of the page's size and nothing is compressed per request.
/// Only the page's files are: an API answer is never compressed, so no secret travels compressed beside text a caller
/// chose (BREACH).</summary>
public static class PrecompressedFiles
{
    private static readonly (string Encoding, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>A compressed copy has its original's media type; its encoding is said by Content-Encoding.</summary>
    public static IContentTypeProvider ContentTypes { get; } = new OriginalContentTypes();

    public static IApplicationBuilder UsePrecompressedFiles(this IApplicationBuilder app, IFileProvider files) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            if ((!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) || request.Path.Value is not { } path)
            {
                return next(context);
            }
            // A copy is a way of sending its original, not a resource of its own.
            if (Encodings.Any(e => path.EndsWith(e.Suffix, StringComparison.Ordinal)) && files.GetFileInfo(path).Exists)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            var copies = Encodings.Where(e => files.GetFileInfo(path + e.Suffix).Exists).ToList();
            if (copies.Count == 0) return next(context);
            context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            var accepted = Accepted(request.Headers.AcceptEncoding);
            if (copies.FirstOrDefault(c => accepted.Contains(c.Encoding)) is { Encoding: { } encoding, Suffix: var suffix })
            {
                context.Response.Headers.ContentEncoding = encoding;
                request.Path = path + suffix;
            }
            return next(context);
        });

    /// <summary>The codings the client accepts (a quality of 0 refuses one).</summary>
    private static HashSet<string> Accepted(Microsoft.Extensions.Primitives.StringValues header) =>
        StringWithQualityHeaderValue.TryParseList(header, out var values)
            ? [.. values.Where(v => v.Quality is not 0).Select(v => v.Value.Value ?? "")]
            : [];

    private sealed class OriginalContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _types = new();

        public bool TryGetContentType(string subpath, [MaybeNullWhen(false)] out string contentType)
        {
            var original = Encodings.FirstOrDefault(e => subpath.EndsWith(e.Suffix, StringComparison.Ordinal)) is { Suffix: { } suffix }
                ? subpath[..^suffix.Length]
                : subpath;
            return _types.TryGetContentType(original, out contentType);
        }
    }
}
