using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>The OpenAPI document the running host serves against the copy the cockpit's types are generated from
/// (cluster/CityBrain.Cockpit/openapi.json). With CITYBRAIN_UPDATE_OPENAPI=1 the test writes the served document to
/// that copy instead: <c>npm run api</c> in the cockpit does that and then regenerates the TypeScript.</summary>
[Collection(HostCollection.Name)]
public sealed class OpenApiTests(HostFixture fixture)
{
    private const string DocumentPath = "/openapi/v1.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    private RunningHost Host => fixture.Host;

    [Fact]
    public async Task The_served_document_is_the_one_the_cockpit_types_are_generated_from()
    {
        var served = JsonNode.Parse(await Host.Http.GetStringAsync(DocumentPath))!;
        var committedPath = CommittedDocumentPath();
        if (Environment.GetEnvironmentVariable("CITYBRAIN_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committedPath, served.ToJsonString(Indented) + "\n");
        }

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(committedPath))!;
        Assert.True(JsonNode.DeepEquals(served, committed),
            $"{committedPath} differs from the host's {DocumentPath}: the API changed and the cockpit's types are stale. " +
            "Regenerate both with `npm run api` in cluster/CityBrain.Cockpit, check the page still compiles (npx tsc --noEmit), and commit " +
            "openapi.json with src/api/openapi.gen.ts.");
    }

    [Fact]
    public async Task The_document_names_the_cockpits_endpoints_with_typed_schemas()
    {
        var document = JsonNode.Parse(await Host.Http.GetStringAsync(DocumentPath))!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.All(["RegionResponse", "ChildRegionResponse", "AlertResponse", "NetworkResponse", "HistoryResponse"], name => Assert.True(schemas.ContainsKey(name), name));
        var alert = schemas["AlertResponse"]!;
        Assert.Equal(["kind", "peak", "end", "active"], ((JsonArray)alert["required"]!).Select(n => n!.GetValue<string>()).Intersect(["kind", "peak", "end", "active"]));
        // A value the host writes as a number is a number, and a null one says so.
        Assert.Equal("integer", alert.Root["components"]!["schemas"]!["NetworkResponse"]!["properties"]!["registered"]!["type"]!.GetValue<string>());
        Assert.Contains("null", alert["properties"]!["end"]!["type"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("text/event-stream", Assert.Single(document["paths"]!["/api/stream"]!["get"]!["responses"]!["200"]!["content"]!.AsObject()).Key);
    }

    [Fact]
    public async Task The_document_needs_a_viewer_like_the_rest_of_the_api()
    {
        var response = await Host.Anonymous.GetAsync(DocumentPath);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string CommittedDocumentPath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CityBrain.sln"))) root = root.Parent ?? throw new InvalidOperationException("no CityBrain.sln above the test's output");
        return Path.Combine(root.FullName, "cluster", "CityBrain.Cockpit", "openapi.json");
    }
}
