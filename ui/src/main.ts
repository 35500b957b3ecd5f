import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import './styles/lists.css';
import './styles/forms.css';
import './styles/editor-screen.css';

const target = document.getElementById('app');
if (!target) throw new Error('Masthead: #app element missing from index.html');

export default mount(App, { target });
