using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using CityBrain.Regions;
using CityBrain.OpenData.Access;
using CityBrain.SensorThings.Json;
using NetTopologySuite.Geometries;

namespace CityBrain.SensorThings.Model;

/// <summary>Every entity but the Observations, as one caller may see them: entities of a dataset the caller may not read
/// are not in the graph at all, so neither a collection, a navigation nor a filter across relations can reach them.
/// Observations are read from storage per Datastream (see <see cref="Data.ObservationReader"/>).</summary>
public sealed class StaGraph : IStaRelations
{
    public const string Measurement = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement";

    private static readonly GeometryFactory Geometries = new(new PrecisionModel(), 4326);

    private readonly Dictionary<EntityType, List<StaEntity>> _sets = EntityTypes.All.ToDictionary(t => t, _ => new List<StaEntity>());
    private readonly Dictionary<(EntityType Type, string Id), StaEntity> _byId = [];
    private readonly Dictionary<(StaEntity Entity, string Navigation), List<StaEntity>> _links = [];
    private readonly Dictionary<string, DatastreamKey> _datastreams = new(StringComparer.Ordinal);
    private readonly Func<OpenDataset, bool> _mayRead;

    private StaGraph(Func<OpenDataset, bool> mayRead) => _mayRead = mayRead;

    /// <param name="mayRead">Whether the caller may read a dataset.</param>
    public static StaGraph Build(RegionData data, Func<OpenDataset, bool> mayRead)
    {
        var graph = new StaGraph(mayRead);
        graph.Populate(data);
        return graph;
    }

    /// <summary>An entity set in id order.</summary>
    public IReadOnlyList<StaEntity> Set(EntityType type) => _sets[type];

    public StaEntity? Find(EntityType type, string id) => _byId.GetValueOrDefault((type, id));

    public bool TryGetDatastream(string id, out DatastreamKey key) => _datastreams.TryGetValue(id, out key!);

    /// <summary>The dataset a Datastream and its Observations belong to.</summary>
    public static OpenDataset DatasetOf(DatastreamKey key) => key switch
    {
        { Scope: not HistoryScope.Device } => OpenDataset.Aggregates,
        { IsRaw: true } => OpenDataset.DeviceRaw,
        _ => OpenDataset.DeviceHourly,
    };

    public IEnumerable<StaEntity> Related(StaEntity entity, Navigation navigation)
    {
        if (entity.Type == EntityTypes.Observation) return RelatedOfObservation(entity, navigation);
        return _links.TryGetValue((entity, navigation.Name), out var related) ? related : [];
    }

    private IEnumerable<StaEntity> RelatedOfObservation(StaEntity observation, Navigation navigation)
    {
        if (!StaIds.TryParseObservation(observation.Id, out var datastreamId, out _)) return [];
        if (Find(EntityTypes.Datastream, datastreamId) is not { } datastream) return [];
        return navigation.Name == "Datastream" ? [datastream] : Related(datastream, EntityTypes.Datastream.Navigation("Thing")!)
            .SelectMany(thing => Related(thing, EntityTypes.Thing.Navigation("Locations")!))
            .Select(location => Find(EntityTypes.FeatureOfInterest, location.Id)!)
            .Where(feature => feature is not null);
    }

    private void Populate(RegionData data)
    {
        var tree = data.Tree;
        var devicesByDistrict = data.Devices.ToLookup(d => d.DistrictId, StringComparer.Ordinal);
        var procedures = new Dictionary<string, StaEntity>(StringComparer.Ordinal);
        foreach (var metric in StaVocabulary.All) Add(ObservedProperty(metric));
        foreach (var (id, description) in new[]
        {
            (StaIds.HourlyMean, "Mean of the valid readings of a clock hour (an energy mean for sound levels); a mean over devices for districts and regions"),
            (StaIds.DailyMean, "Mean of a local day's valid hourly means, HJ 663 validity rules applied"),
            (StaIds.Aqi, "Air quality index of HJ 633 computed from the hourly or daily means of the pollutants"),
        })
        {
            procedures[id] = Add(new StaEntity(EntityTypes.Sensor, id,
                [new("name", id["procedure:".Length..]), new("description", description), new("encodingType", "text/plain"), new("metadata", description)], this));
        }

        var aggregatesVisible = _mayRead(OpenDataset.Aggregates);
        var devicesVisible = _mayRead(OpenDataset.DeviceHourly) || _mayRead(OpenDataset.DeviceRaw);
        foreach (var node in RegionTree.Walk(tree.Root))
        {
            var parent = tree.ParentOf(node.Id);
            var devices = RegionTree.Walk(node).Where(n => n.IsLeaf).SelectMany(n => devicesByDistrict[n.Id]).ToList();
            if (aggregatesVisible)
            {
                var scope = RegionCatalog.ScopeOf(node);
                var place = AddPlace(scope, node.Id, node.Name, Describe(node, parent), Shape(node, data), devices, w =>
                {
                    w.WriteString("kind", node.Level);
                    w.WriteString("nameZh", node.NameZh);
                    if (node.Code is { } code) w.WriteString("code", code);
                    if (parent is not null) w.WriteString("parent", parent.Id);
                    if (node.NoiseZone is { } zone) w.WriteString("noiseZone", zone);
                    if (parent is null) w.WriteString("timeZone", tree.TimeZone);
                });
                AddAggregateStreams(place, scope, node.Id, devices, procedures);
            }
            if (!node.IsLeaf || !devicesVisible) continue;
            foreach (var device in devices) AddDevice(device, node, procedures);
        }
        foreach (var set in _sets.Values) set.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
    }

    private static string Describe(RegionNode node, RegionNode? parent) => parent is null
        ? $"{node.Name} ({node.NameZh}), the mean over every device below it"
        : $"{node.Name} ({node.NameZh}), {node.Level} of {parent.Name}";

    private void AddDevice(DeviceSite device, RegionNode district, Dictionary<string, StaEntity> procedures)
    {
        var (longitude, latitude, precision) = device.Site is { Longitude: { } lon, Latitude: { } lat }
            ? (lon, lat, "site")
            : (district.Position[0], district.Position[1], "district");
        var siteName = device.Site?.Name is { } name ? $" at {name}" : "";
        var thing = AddPlace(HistoryScope.Device, device.DeviceId, device.DeviceId, $"Sensor gateway {device.DeviceId}{siteName} in {district.Name}",
            Geometries.CreatePoint(new Coordinate(longitude, latitude)), [device], w =>
            {
                w.WriteString("kind", "device");
                w.WriteString("district", device.DistrictId);
                w.WriteString("registeredAt", StaJsonWriter.Format(device.RegisteredAt));
                if (device.LastSeen is { } seen) w.WriteString("lastSeen", StaJsonWriter.Format(seen));
                w.WriteBoolean("online", device.Online);
                if (device.Site?.Name is { } site) w.WriteString("site", site);
                // A device whose gateway announced no accepted position stands at its district's label point: say so,
                // so no one maps it as exact.
                w.WriteString("locationPrecision", precision);
            });
        foreach (var (quantity, sensorName) in device.Sensors.OrderBy(s => s.Key.WireName(), StringComparer.Ordinal))
        {
            if (_mayRead(OpenDataset.DeviceRaw))
            {
                var sensorId = StaIds.Sensor(sensorName);
                var sensor = Find(EntityTypes.Sensor, sensorId) ?? Add(new StaEntity(EntityTypes.Sensor, sensorId,
                [
                    new("name", sensorId["sensor:".Length..]),
                    new("description", $"The {sensorId["sensor:".Length..]} sensor chip of the gateways"),
                    new("encodingType", "text/plain"),
                    new("metadata", sensorName),
                ], this));
                AddDatastream(thing, new DatastreamKey(HistoryScope.Device, device.DeviceId, quantity.WireName(), null), sensor, "raw reports");
            }
            if (_mayRead(OpenDataset.DeviceHourly))
            {
                AddDatastream(thing, new DatastreamKey(HistoryScope.Device, device.DeviceId, quantity.WireName(), HistoryResolution.Hour),
                    procedures[StaIds.HourlyMean], "hourly means");
            }
        }
    }

    private void AddAggregateStreams(StaEntity thing, HistoryScope scope, string id, IEnumerable<DeviceSite> devices, Dictionary<string, StaEntity> procedures)
    {
        var quantities = devices.SelectMany(d => d.Sensors.Keys).Distinct().OrderBy(q => q.WireName(), StringComparer.Ordinal).ToList();
        foreach (var quantity in quantities)
        {
            AddDatastream(thing, new DatastreamKey(scope, id, quantity.WireName(), HistoryResolution.Hour), procedures[StaIds.HourlyMean], "hourly means");
            // Sound levels are not averaged over a day; the day and night levels stand for them.
            if (quantity == Quantity.Noise) continue;
            AddDatastream(thing, new DatastreamKey(scope, id, quantity.WireName(), HistoryResolution.Day), procedures[StaIds.DailyMean], "daily means");
        }
        AddDatastream(thing, new DatastreamKey(scope, id, HistoryMetrics.Aqi, HistoryResolution.Hour), procedures[StaIds.Aqi], "hourly AQI");
        AddDatastream(thing, new DatastreamKey(scope, id, HistoryMetrics.Aqi, HistoryResolution.Day), procedures[StaIds.Aqi], "daily AQI");
        if (quantities.Contains(Quantity.Noise))
        {
            foreach (var metric in new[] { HistoryMetrics.NoiseDay, HistoryMetrics.NoiseNight, HistoryMetrics.NoiseDayNight })
            {
                AddDatastream(thing, new DatastreamKey(scope, id, metric, HistoryResolution.Day), procedures[StaIds.DailyMean], "daily levels");
            }
        }
        if (scope != HistoryScope.District) return;
        AddDatastream(thing, new DatastreamKey(scope, id, HistoryMetrics.OnlineRate, HistoryResolution.Hour), procedures[StaIds.HourlyMean], "hourly rates");
        AddDatastream(thing, new DatastreamKey(scope, id, HistoryMetrics.ValidityRate, HistoryResolution.Hour), procedures[StaIds.HourlyMean], "hourly rates");
    }

    private void AddDatastream(StaEntity thing, DatastreamKey key, StaEntity sensor, string series)
    {
        if (!_mayRead(DatasetOf(key)) || !StaVocabulary.TryGet(key.Metric, out var metric)) return;
        var id = StaIds.Datastream(key);
        var location = Related(thing, EntityTypes.Thing.Navigation("Locations")!).First();
        var datastream = Add(new StaEntity(EntityTypes.Datastream, id,
        [
            new("name", $"{metric.Name} of {thing["name"]}, {series}"),
            new("description", $"{metric.Description}: {series} of {thing["description"]}"),
            new("unitOfMeasurement", JsonObjects.Build(w =>
            {
                w.WriteString("name", metric.Unit.Name);
                w.WriteString("symbol", metric.Unit.Symbol);
                w.WriteString("definition", metric.Unit.Definition);
            })),
            new("observationType", Measurement),
            new("observedArea", location["location"]),
            new("properties", JsonObjects.Build(w =>
            {
                w.WriteString("metric", key.Metric);
                w.WriteString("resolution", key.Resolution?.ToString().ToLowerInvariant() ?? "raw");
                w.WriteString("dataset", DatasetOf(key).ToString());
            })),
        ], this));
        _datastreams[id] = key;
        Link(datastream, "Thing", thing, "Datastreams");
        Link(datastream, "Sensor", sensor, "Datastreams");
        Link(datastream, "ObservedProperty", Find(EntityTypes.ObservedProperty, key.Metric)!, "Datastreams");
    }

    /// <summary>A Thing with its Location, FeatureOfInterest (the same place) and, once a device registered there, its
    /// HistoricalLocation dated by the first registration.</summary>
    private StaEntity AddPlace(HistoryScope scope, string placeId, string name, string description, Geometry shape,
        IReadOnlyCollection<DeviceSite> devices, Action<System.Text.Json.Utf8JsonWriter> properties)
    {
        var id = StaIds.Place(scope, placeId);
        var thing = Add(new StaEntity(EntityTypes.Thing, id, [new("name", name), new("description", description), new("properties", JsonObjects.Build(properties))], this));
        var site = scope == HistoryScope.Device ? $"Site of {name}" : name;
        var location = Add(new StaEntity(EntityTypes.Location, id,
            [new("name", site), new("description", $"Where {description}"), new("encodingType", GeoJson.EncodingType), new("location", shape)], this));
        Add(new StaEntity(EntityTypes.FeatureOfInterest, id,
            [new("name", site), new("description", $"The air and sound at {site}"), new("encodingType", GeoJson.EncodingType), new("feature", shape)], this));
        Link(thing, "Locations", location, "Things");
        if (devices.Count > 0)
        {
            var historical = Add(new StaEntity(EntityTypes.HistoricalLocation, id, [new("time", devices.Min(d => d.RegisteredAt))], this));
            Link(historical, "Thing", thing, "HistoricalLocations");
            Link(historical, "Locations", location, "HistoricalLocations");
        }
        return thing;
    }

    private StaEntity ObservedProperty(MetricInfo metric) => new(EntityTypes.ObservedProperty, metric.Metric,
        [new("name", metric.Name), new("definition", metric.Definition), new("description", metric.Description)], this);

    private StaEntity Add(StaEntity entity)
    {
        _sets[entity.Type].Add(entity);
        _byId[(entity.Type, entity.Id)] = entity;
        return entity;
    }

    private void Link(StaEntity from, string navigation, StaEntity to, string inverse)
    {
        Append(from, navigation, to);
        Append(to, inverse, from);
    }

    private void Append(StaEntity from, string navigation, StaEntity to)
    {
        if (!_links.TryGetValue((from, navigation), out var list)) _links[(from, navigation)] = list = [];
        list.Add(to);
    }

    /// <summary>The place's boundary where its file gave one, else its label point.</summary>
    private static Geometry Shape(RegionNode node, RegionData data) =>
        data.Boundaries.TryGet(node.Id, out var outline) ? outline : Geometries.CreatePoint(new Coordinate(node.Position[0], node.Position[1]));
}
