use yew::prelude::*;

#[component]
pub fn Root() -> Html {
    html! {
        <main class="app">
            <h1>{ "Session Lab" }</h1>
        </main>
    }
}
