using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Options;

namespace CityBrain.Supervision.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void A_configuration_that_would_leave_cases_without_a_department_or_deadline_is_refused_naming_each_field()
    {
        var options = new SupervisionOptions
        {
            ReviewInterval = TimeSpan.Zero,
            Critical = new DeadlineOptions { Acknowledge = TimeSpan.FromMinutes(30), Handle = TimeSpan.FromHours(-1) },
            Departments = [new() { Id = "ecology", NameZh = "生态环境局" }, new() { Id = "ecology", Name = "again" }, new() { Id = "" }],
            Assignments = [new() { Region = "atlantis", Kind = "air", Department = "ecology" }, new() { Kind = "smell", Department = "police" }],
            Supervisors = [new() { Region = "nowhere" }],
        };

        var result = new SupervisionOptionsValidator(DeskFixture.Tree).Validate(null, options);

        Assert.Equal(
            [
                "Supervision:ReviewInterval must be a positive time span, not 00:00:00",
                "Supervision:Critical:Handle must be a positive time span, not -01:00:00",
                "Supervision:Departments:1:Id 'ecology' is used by an earlier department",
                "Supervision:Departments:2:Id is empty",
                "Supervision:Departments:2 ('') has neither Name nor NameZh",
                "Supervision:Assignments:0:Region 'atlantis' is not a place of the region tree",
                "Supervision:Assignments:1:Kind 'smell' is not one of air, noise, device",
                "Supervision:Assignments:1:Department 'police' is not one of the configured departments",
                "Supervision:Supervisors:0:Region 'nowhere' is not a place of the region tree",
            ],
            result.Failures);
    }

    [Fact]
    public void The_nearest_assignment_up_the_tree_names_the_department_and_an_entry_without_region_is_the_roots()
    {
        var fixture = new DeskFixture(o =>
        {
            o.Assignments.Add(new AssignmentOptions { Region = "city-b", Kind = "air", Department = "station" });
            o.Supervisors = [new() { Recipients = ["governor"] }, new() { Region = "city-a", Recipients = ["mayor-a"] }];
        });

        Assert.Equal("ecology", fixture.Directory.DepartmentFor(CaseKind.Air, "d1")!.Id);
        Assert.Equal("station", fixture.Directory.DepartmentFor(CaseKind.Air, "d3")!.Id);
        Assert.Equal("urban", fixture.Directory.DepartmentFor(CaseKind.Noise, "d3")!.Id);
        Assert.Equal(["mayor-a"], fixture.Directory.SupervisorsOf("d2"));
        Assert.Equal(["governor"], fixture.Directory.SupervisorsOf("d3"));
    }

    [Theory]
    [InlineData("air", true)]
    [InlineData("Noise", true)]
    [InlineData("1", false)]
    [InlineData("smell", false)]
    [InlineData(null, false)]
    public void Kinds_parse_by_name_only(string? name, bool parses) => Assert.Equal(parses, CaseKinds.TryParse(name, out _));
}
