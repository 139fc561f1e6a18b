// Swagger UI over the app's own OpenAPI document, from files the app serves: /docs needs no
// network and no inline script (the Content-Security-Policy allows none).
window.ui = SwaggerUIBundle({
  url: document.getElementById('swagger-ui').dataset.openapi,
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  layout: 'BaseLayout',
  deepLinking: true
});
