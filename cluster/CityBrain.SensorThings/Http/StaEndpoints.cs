using System.Text;
using System.Text.Json;
using CityBrain.OpenData.Access;
using CityBrain.SensorThings.Data;
using CityBrain.SensorThings.Json;
using CityBrain.SensorThings.Model;
using CityBrain.SensorThings.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityBrain.SensorThings.Http;

/// <summary>The HTTP read side: the root document, and every resource path below it. Access is decided per dataset
/// (<see cref="IOpenDataAccess"/>), so the endpoints themselves let anyone in.</summary>
public static class StaEndpoints
{
    public const string Root = "/sta/v1.1";

    public static void Map(WebApplication app)
    {
        app.MapGet(Root, WriteRootAsync).AllowAnonymous();
        app.MapGet(Root + "/{**path}", WriteResourceAsync).AllowAnonymous();
    }

    private static async Task WriteRootAsync(HttpContext http, IOptions<SensorThingsOptions> options)
    {
        var root = ServiceRoot(http, options.Value);
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body, StaJsonWriter.Options);
        writer.WriteStartObject();
        writer.WriteStartArray("value");
        foreach (var type in EntityTypes.All)
        {
            writer.WriteStartObject();
            writer.WriteString("name", type.SetName);
            writer.WriteString("url", $"{root}/{type.SetName}");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("serverSettings");
        writer.WriteStartArray("conformance");
        foreach (var uri in StaConformance.Classes) writer.WriteStringValue(uri);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static async Task WriteResourceAsync(HttpContext http, StaGraphs graphs, ObservationReader reader, IOpenDataAccess access,
        StaRefusals refusals, IOptions<SensorThingsOptions> options)
    {
        var cancellationToken = http.RequestAborted;
        if (!ResourcePath.TryParse(RawPath(http), out var path, out var pathError))
        {
            await FailAsync(http, refusals, 400, $"the path cannot be read: {pathError}");
            return;
        }
        if (path.Segments.Count == 0)
        {
            http.Response.Redirect(ServiceRoot(http, options.Value));
            return;
        }
        if (!QueryOptionsParser.TryParse(QueryPairs(http.Request.Query), out var query, out var queryError))
        {
            await FailAsync(http, refusals, 400, queryError);
            return;
        }
        bool MayRead(OpenDataset dataset) => access.MayRead(http.User, dataset);
        var context = new StaContext(await graphs.ForAsync(http.User, cancellationToken), reader);
        var resolution = await new ResourceResolver(context, MayRead).ResolveAsync(path, cancellationToken);
        switch (resolution)
        {
            case FailedResolution failed:
                await FailAsync(http, refusals, failed.Status, failed.Error);
                return;
            case RefusedResolution refused:
                var status = http.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
                await FailAsync(http, refusals, status, access.Refusal(refused.Dataset));
                return;
        }
        var type = resolution switch
        {
            CollectionResolution c => c.Source.Type,
            EntityResolution e => e.Entity.Type,
            _ => ((PropertyResolution)resolution).Entity.Type,
        };
        if (QueryCheck.Problem(type, query) is { } problem)
        {
            await FailAsync(http, refusals, 400, problem);
            return;
        }
        if (path.Value && resolution is not PropertyResolution)
        {
            await FailAsync(http, refusals, 400, "$value follows a property, e.g. /Things('…')/name/$value");
            return;
        }
        if (path.Ref && resolution is PropertyResolution)
        {
            await FailAsync(http, refusals, 400, "$ref follows an entity or a collection, not a property");
            return;
        }
        var root = ServiceRoot(http, options.Value);
        var collections = new CollectionQuery(options.Value);
        var writer = new EntityWriter(context, collections, root);
        switch (resolution)
        {
            case PropertyResolution property when path.Value:
                await WriteRawValueAsync(http, property);
                return;
            case PropertyResolution property:
                await WriteJsonAsync(http, json =>
                {
                    json.WriteStartObject();
                    json.WritePropertyName(property.Property);
                    StaJsonWriter.WriteValue(json, property.Entity.TryGetProperty(property.Property, out var value) ? value : null);
                    json.WriteEndObject();
                    return Task.CompletedTask;
                });
                return;
            case EntityResolution single when path.Ref:
                await WriteJsonAsync(http, json =>
                {
                    writer.WriteLink(json, single.Entity);
                    return Task.CompletedTask;
                });
                return;
            case EntityResolution single:
                await WriteJsonAsync(http, json => writer.WriteEntityAsync(json, single.Entity, query, cancellationToken));
                return;
            case CollectionResolution collection:
                await WriteJsonAsync(http, json => WriteCollectionAsync(http, root, json, writer, collections, collection.Source, query, path.Ref, cancellationToken));
                return;
        }
    }

    private static async Task WriteCollectionAsync(HttpContext http, string root, Utf8JsonWriter json, EntityWriter writer, CollectionQuery collections,
        EntitySource source, QueryOptions query, bool linksOnly, CancellationToken cancellationToken)
    {
        var top = collections.TopOf(query);
        json.WriteStartObject();
        if (query.Count == true) json.WriteNumber("@iot.count", await collections.CountAsync(source, query, cancellationToken));
        json.WriteStartArray("value");
        var more = await writer.WritePageAsync(json, source, query, top, linksOnly, cancellationToken);
        json.WriteEndArray();
        if (more) json.WriteString("@iot.nextLink", NextLink(http, root, top, (long)(query.Skip ?? 0) + top));
        json.WriteEndObject();
    }

    private static async Task WriteRawValueAsync(HttpContext http, PropertyResolution property)
    {
        property.Entity.TryGetProperty(property.Property, out var value);
        if (value is null)
        {
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        http.Response.ContentType = value is string ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
        await http.Response.WriteAsync(StaJsonWriter.RawValue(value), http.RequestAborted);
    }

    private static async Task WriteJsonAsync(HttpContext http, Func<Utf8JsonWriter, Task> write)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.Body, StaJsonWriter.Options);
        await write(json);
    }

    private static async Task FailAsync(HttpContext http, StaRefusals refusals, int status, string error)
    {
        refusals.Refused(status, error);
        http.Response.StatusCode = status;
        await WriteJsonAsync(http, json =>
        {
            json.WriteStartObject();
            json.WriteString("error", error);
            json.WriteEndObject();
            return Task.CompletedTask;
        });
    }

    /// <summary>The same request one page on: every option as given, <c>$top</c> and <c>$skip</c> set for the next page.</summary>
    private static string NextLink(HttpContext http, string root, int top, long skip)
    {
        var link = new StringBuilder(root).Append('/').Append(EncodedPath(http)).Append('?');
        foreach (var (name, values) in http.Request.Query)
        {
            if (name is "$top" or "$skip") continue;
            foreach (var value in values) link.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? "")).Append('&');
        }
        return link.Append("$top=").Append(top).Append("&$skip=").Append(skip).ToString();
    }

    /// <summary>Query parameters one by one, a repeated one as often as it is given, so the parser can refuse it.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> QueryPairs(IQueryCollection query) =>
        query.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)));

    /// <summary>The path below the service root, decoded only here: a key may hold an encoded slash, which stays inside
    /// its quotes when the path is split.</summary>
    private static string RawPath(HttpContext http) => Uri.UnescapeDataString(EncodedPath(http));

    /// <summary>The path below the service root as the client sent it (the request target, not the decoded path).</summary>
    private static string EncodedPath(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        var at = path.IndexOf(Root, StringComparison.Ordinal);
        return at < 0 || path.Length <= at + Root.Length + 1 ? "" : path[(at + Root.Length + 1)..];
    }

    private static string ServiceRoot(HttpContext http, SensorThingsOptions options) =>
        options.ServiceRoot ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Root}";
}
