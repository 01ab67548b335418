using PrivacyPortal.Components;
using PrivacyPortal.Configuration;
using PrivacyPortal.Data;
using PrivacyPortal.Jobs;
using PrivacyPortal.Modules;
using PrivacyPortal.Modules.Cases;
using PrivacyPortal.Modules.DataPlane;
using PrivacyPortal.Modules.Demo;
using PrivacyPortal.Modules.Foundation;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Incidents;
using PrivacyPortal.Modules.Oversight;
using PrivacyPortal.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalConfiguration()
    .AddPortalLogging()
    .AddPortalData()
    .AddPortalIdentity()
    .AddPortalJobs()
    .AddPortalUi();

// The modules, lowest first (ADR 0014): a module uses only those above it in this list.
builder.AddModule(new FoundationModule())
    .AddModule(new DataPlaneModule())
    .AddModule(new CasesModule())
    .AddModule(new IncidentsModule())
    .AddModule(new OversightModule())
    .AddModule(new DemoModule());

var app = builder.Build();

// `verify-audit --checkpoint file`: checks the trail against a signed checkpoint and exits without serving.
if (await app.RunAuditCommandAsync(args))
{
    return;
}

await app.InitializeDatabaseAsync();

app.UsePortalPipeline();
app.UsePortalJobs();
app.MapModules();
app.MapPortalUi();

await app.RunAsync();

public partial class Program;
