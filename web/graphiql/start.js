// Starts GraphiQL against this server's /graphql. Served from the binary with the rest of
// web/, so the page needs no third-party origin and no inline script (see the CSP in
// src/http/graphql.rs). Queries and mutations go as JSON POSTs with the session cookie.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: '# Samsyn GraphQL-API. Ctrl+Enter kör frågan.\n{\n  me {\n    id\n    displayName\n  }\n}\n',
  }));
})();
