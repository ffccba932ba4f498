using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PairTuner.Functions;
using PairTuner.Functions.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSingleton(services => PairTunerStorage.Create(services.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton<RunServices>();
builder.Build().Run();
