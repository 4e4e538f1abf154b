using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CityBrain.Host.Api;

/// <summary>The API described by ASP.NET Core's own OpenAPI generator at <c>/openapi/v1.json</c>, the document the
/// cockpit's TypeScript types are generated from (<c>npm run api</c> in cluster/CityBrain.Cockpit). Like every endpoint
/// that names no policy, it needs the viewer role (the fallback policy): it maps the whole API, and the generator reads it
/// from a signed-in test host, so nothing needs it anonymously. The document says what the host writes: a property is
/// required unless the host leaves it out when null, numbers are numbers (the web defaults' reading of numbers from
/// strings is a leniency of input, not a second type), and there is no server address, so the same build gives the same
/// document on any port.</summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public const string DocumentPath = "/openapi/{documentName}.json";

    public static WebApplicationBuilder AddCityBrainOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            var described = options.ShouldInclude;
            // The Orleans dashboard's own endpoints are its business, not the API's.
            options.ShouldInclude = d => described(d) && d.RelativePath?.StartsWith("dashboard", StringComparison.Ordinal) != true;
            options.CreateSchemaReferenceId = type => Inlined(type.Type) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = "CityBrain", Version = DocumentName };
                document.Servers = [];
                Tags.ByPath(document);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                NumbersAreNumbers(schema, context.JsonTypeInfo.Type);
                if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
                {
                    RequireWrittenProperties(schema, context.JsonTypeInfo);
                }
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.RelativePath == "api/stream") CityStream.Describe(operation);
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapCityBrainOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        return app;
    }

    /// <summary>An anonymous type has no name worth keeping (the default is made of its property types); the stream's
    /// items are described as events, not as a schema.</summary>
    private static bool Inlined(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && type.Name.Contains("AnonymousType", StringComparison.Ordinal)
        || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SseItem<>);

    private static void RequireWrittenProperties(OpenApiSchema schema, JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (LeftOutWhenEmpty(property)) continue;
            schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
            schema.Required.Add(property.Name);
        }
    }

    private static bool LeftOutWhenEmpty(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(a => a.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault) == true;

    private static void NumbersAreNumbers(OpenApiSchema schema, Type type)
    {
        var numeric = Nullable.GetUnderlyingType(type) ?? type;
        if (!IsNumber(numeric) || schema.Type is not { } kinds || !kinds.HasFlag(JsonSchemaType.String)) return;
        schema.Type = kinds & ~JsonSchemaType.String;
        schema.Pattern = null;
    }

    private static bool IsNumber(Type type) => Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.Decimal;

    /// <summary>Operations grouped by the resource their path names (<c>/api/districts/{id}/history</c>: districts); the
    /// default, a handler's class or else the entry assembly's name, differs between the host and a test host.</summary>
    private static class Tags
    {
        public static void ByPath(OpenApiDocument document)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (path, item) in document.Paths)
            {
                var name = Resource(path);
                names.Add(name);
                foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                {
                    operation.Tags = new HashSet<OpenApiTagReference> { new(name, document) };
                }
            }
            document.Tags = new HashSet<OpenApiTag>(names.Select(n => new OpenApiTag { Name = n }));
        }

        private static string Resource(string path)
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return segments switch
            {
                ["api", var resource, ..] => resource,
                [var first, ..] => first,
                _ => "root",
            };
        }
    }

    /// <summary><c>GET /api/stream</c> is a stream of named events, which a JSON schema alone cannot say.</summary>
    private static class CityStream
    {
        public static void Describe(OpenApiOperation operation)
        {
            operation.Description = "Server-sent events: `city`, whose data is the JSON of GET /api/city (CityResponse), " +
                "once on connect and whenever the city changed; `heartbeat`, with no data, while nothing changes. " +
                "The first event carries the reconnection delay (`retry`).";
            if (operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response) return;
            response.Description = "The city's events, until the client or the host ends the stream.";
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/event-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }
    }
}
