#if !NET
namespace System.Runtime.CompilerServices;

/// <summary>Lets the netstandard2.0 build compile positional records and init-only setters (the type ships with .NET 5+).</summary>
internal static class IsExternalInit
{
}
#endif
