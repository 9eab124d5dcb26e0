using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Coordination.Host.Security;

/// <summary>
/// The web forms' counterpart of <see cref="PlainTextJsonConverter"/>: a posted text with a refused
/// control character is a model-binding error at its field (which the page shows next to it) and
/// is not bound. The message is taken when binding, so in the request's language.
/// </summary>
internal sealed class PlainTextModelBinder(IModelBinder inner, Func<string> message) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        await inner.BindModelAsync(bindingContext);
        if (bindingContext.Result.IsModelSet && bindingContext.Result.Model is string text && !PlainText.IsAllowed(text))
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, message());
            bindingContext.Result = ModelBindingResult.Failed();
        }
    }

    /// <summary>Puts the binder in front of MVC's own for every <see cref="string"/>.</summary>
    internal sealed class Provider(Func<string> message) : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            return context.Metadata.ModelType == typeof(string)
                ? new PlainTextModelBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()), message)
                : null;
        }
    }
}
