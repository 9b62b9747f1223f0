// sockjs-client ships no types; LiveClient only constructs it for @stomp/stompjs's webSocketFactory.
declare module 'sockjs-client/dist/sockjs.min.js' {
  const SockJS: new (url: string) => WebSocket;
  export default SockJS;
}
