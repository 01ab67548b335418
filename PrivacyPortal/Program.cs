using PrivacyPortal.Components;
using PrivacyPortal.Configuration;
using PrivacyPortal.Data;
using PrivacyPortal.Features.Audit;
using PrivacyPortal.Features.Breaches;
using PrivacyPortal.Features.Clocks;
using PrivacyPortal.Features.Connectors;
using PrivacyPortal.Features.Health;
using PrivacyPortal.Features.Notifications;
using PrivacyPortal.Features.Reports;
using PrivacyPortal.Features.Requests;
using PrivacyPortal.Features.Retention;
using PrivacyPortal.Features.Setup;
using PrivacyPortal.Features.Staff;
using PrivacyPortal.Features.Subjects;
using PrivacyPortal.Jobs;
using PrivacyPortal.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalConfiguration()
    .AddPortalLogging()
    .AddPortalData()
    .AddPortalAudit()
    .AddPortalIdentity()
    .AddPortalJobs()
    .AddPortalHealth()
    .AddPortalSetup()
    .AddPortalStaff()
    .AddPortalClocks()
    .AddPortalNotifications()
    .AddPortalDataPlane()
    .AddPortalRequests()
    .AddPortalRetention()
    .AddPortalBreaches()
    .AddPortalReports()
    .AddPortalUi();

var app = builder.Build();

// `verify-audit --checkpoint file`: checks the trail against a signed checkpoint and exits without serving.
if (await app.RunAuditCommandAsync(args))
{
    return;
}

await app.InitializeDatabaseAsync();

app.UsePortalPipeline();
app.UsePortalJobs();
app.MapPortalHealth();
app.MapPortalExports();
app.MapRequestDelivery();
app.MapBreachReports();
app.MapComplianceReports();
app.MapAuditWorkspace();
app.MapPortalUi();

await app.RunAsync();

public partial class Program;
