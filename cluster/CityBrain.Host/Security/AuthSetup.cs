using CityBrain.Host.Hosting;
using CityBrain.Ingest.Broker;
using CityBrain.Storage.Postgres.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Security;

/// <summary>Sign-in and authorization with ASP.NET Core's own parts: a session cookie for people, bearer API tokens for
/// machines, the four policies of <see cref="Policies"/>, and a fallback policy (view) for every endpoint that names
/// none, so nothing is open by omission. Data protection keys (which seal the cookie) live in the data directory on one
/// machine and in PostgreSQL in a cluster, so sessions survive a restart and are good on every silo.</summary>
public static partial class AuthSetup
{
    /// <summary>The throttle of failed sign-ins, apart from the broker's.</summary>
    public const string SignInThrottle = "sign-in";

    /// <summary>Any signed-in person or token, whatever the role: for one's own session.</summary>
    public const string SignedIn = "signed-in";

    public static WebApplicationBuilder AddCityBrainAuth(this WebApplicationBuilder builder, CityBrainOptions host)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MaxLoginDelay >= o.LoginDelay, "Auth:MaxLoginDelay must be at least Auth:LoginDelay")
            .ValidateOnStart();
        AddKeyRing(services, host);

        services.AddAuthentication(AuthSchemes.Either)
            .AddPolicyScheme(AuthSchemes.Either, "session cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? AuthSchemes.Bearer : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = AuthSchemes.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                // The API answers 401 and 403 itself (AuthProblems); a script must never be sent to a login page.
                o.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = AuthSessionValidator.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, AuthTokenHandler>(AuthSchemes.Bearer, null);
        services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Cookie)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.SessionLifetime);

        var view = new AuthorizationPolicyBuilder().AddRequirements(new AuthViewRequirement()).Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.View, view)
            .AddPolicy(Policies.Operate, p => p.RequireRole(Roles.Operator, Roles.Administrator))
            .AddPolicy(Policies.Provision, p => p.RequireRole(Roles.Technician, Roles.Administrator))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .SetFallbackPolicy(view);
        services.AddSingleton<IAuthorizationHandler, AuthViewHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuthProblems>();

        services.AddKeyedSingleton(SignInThrottle, (sp, _) =>
        {
            var auth = sp.GetRequiredService<IOptions<AuthOptions>>();
            return new LoginThrottle(() => new LoginLimits(auth.Value.FailedLoginsBeforeDelay, auth.Value.FailedLoginsBeforeDelayPerAddress,
                auth.Value.LoginDelay, auth.Value.MaxLoginDelay), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<AuthFirstAdministrator>();
        services.AddHostedService(sp => sp.GetRequiredService<AuthFirstAdministrator>());
        return builder;
    }

    /// <summary>Static files are served before this (the login page must load); everything after is authorized.</summary>
    public static WebApplication UseCityBrainAuth(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.AnonymousViewing) LogAnonymousViewing(app.Logger);
        app.UseAuthentication();
        app.UseMiddleware<AuthAudit>();
        app.UseAuthorization();
        return app;
    }

    private static void AddKeyRing(IServiceCollection services, CityBrainOptions host)
    {
        var protection = services.AddDataProtection().SetApplicationName("CityBrain");
        if (host.Mode == HostMode.Cluster)
        {
            services.AddOptions<KeyManagementOptions>().Configure<PostgresKeyRing>((o, keys) => o.XmlRepository = new AuthKeyRing(keys));
            return;
        }
        var keys = Path.GetFullPath(host.DataPath("keys"));
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(keys);
        else Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:AnonymousViewing is on: anyone who reaches this node may read the cockpit and the API without signing in (never change anything)")]
    private static partial void LogAnonymousViewing(ILogger logger);
}
