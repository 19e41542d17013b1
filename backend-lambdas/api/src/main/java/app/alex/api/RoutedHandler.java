package app.alex.api;

/** A handler whose every request goes through its route table (the knowledge-base API, the researcher). */
public interface RoutedHandler extends ApiHandler {
    RouteTable routes();

    @Override
    default ApiResponse handle(ApiRequest request) {
        return routes().handle(request);
    }

    @Override
    default Caller caller(ApiRequest request) {
        return routes().caller(request);
    }
}
