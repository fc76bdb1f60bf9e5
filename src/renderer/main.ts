/** The renderer's entry: pick the transport, build the stores, mount the app. */
import { mount } from 'svelte';
import App from './App.svelte';
import { pickClient } from './lib/pick-client.js';
import { AppStore } from './stores/app.svelte.js';
import './styles/app.css';

const app = new AppStore(pickClient());
mount(App, { target: document.getElementById('app')!, props: { app } });
